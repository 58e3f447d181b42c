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
}
