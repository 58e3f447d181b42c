using Marten.Schema;

namespace FairDraw.Projections.Directories;

/// <summary>
/// One version of one directory record, valid over a half-open window of ledger positions and instants:
/// from the event that produced it up to (not including) the next event of its stream. The current record is the one
/// whose window is still open, so the present directory and the directory as of any past moment are the same query.
/// </summary>
public abstract class Revision
{
    /// <summary>"{stream key}@{stream version}".</summary>
    public string Id { get; set; } = "";

    public string StreamKey { get; set; } = "";

    public long Version { get; set; }

    /// <summary>Ledger position (event sequence) of the event that produced this revision.</summary>
    public long FromSequence { get; set; }

    /// <summary>Ledger position of the next event of the stream; null while this revision is current.</summary>
    public long? ToSequence { get; set; }

    /// <summary>When the producing event happened (its own "…At" instant).</summary>
    public DateTimeOffset FromTime { get; set; }

    public DateTimeOffset? ToTime { get; set; }

    public bool IsCurrent { get; set; }

    public static string IdFor(string streamKey, long version) => $"{streamKey}@{version}";

    /// <summary>
    /// Called from each revision type's ConfigureMarten (Marten looks for that method on the document type itself): the
    /// validity window is duplicated into columns, so that the pool reader and the as-of queries filter it in SQL, but
    /// not indexed. A window predicate ("current", "valid at position p") holds for most rows of a directory, so no
    /// query is served by such an index, while an import would maintain five of them for every new record.
    /// </summary>
    protected static void DuplicateWindow(DocumentMapping mapping)
    {
        foreach (var name in new[] { nameof(IsCurrent), nameof(FromSequence), nameof(ToSequence), nameof(FromTime), nameof(ToTime) })
        {
            mapping.DuplicateField(name);
        }
    }
}
