using System.Text.Json.Serialization;
using FairDraw.Projections.Storage;
using Marten.Schema;
using NodaTime;
using NpgsqlTypes;

namespace FairDraw.Projections.Directories;

/// <summary>
/// One version of one directory record, valid over a half-open window of ledger positions and instants:
/// from the event that produced it up to (not including) the next event of its stream. The current record is the one
/// whose window is still open, so the present directory and the directory as of any past moment are the same query.
/// </summary>
public abstract class Revision : IStreamVersion
{
    /// <summary>"{stream key}@{stream version}".</summary>
    public string Id { get; set; } = "";

    public string StreamKey { get; set; } = "";

    public long Version { get; set; }

    long IStreamVersion.StreamVersion => Version;

    /// <summary>Ledger position (event sequence) of the event that produced this revision.</summary>
    public long FromSequence { get; set; }

    /// <summary>Ledger position of the next event of the stream; null while this revision is current.</summary>
    public long? ToSequence { get; set; }

    /// <summary>When the producing event happened (its own "…At" instant).</summary>
    public Instant FromTime { get; set; }

    public Instant? ToTime { get; set; }

    /// <summary>
    /// <see cref="FromTime"/> in nanoseconds since the Unix epoch, the column as-of reads compare: PostgreSQL's
    /// timestamptz keeps microseconds, an event's instant keeps its clock's 100 ns (or finer), and an <c>asOf</c> a tick
    /// before an event must not show it. Not in the document, which keeps the instant itself.
    /// </summary>
    [JsonIgnore]
    public long FromNanoseconds => Nanoseconds(FromTime);

    /// <summary><see cref="ToTime"/> in nanoseconds since the Unix epoch, as <see cref="FromNanoseconds"/>.</summary>
    [JsonIgnore]
    public long? ToNanoseconds => ToTime is { } to ? Nanoseconds(to) : null;

    public bool IsCurrent { get; set; }

    public static string IdFor(string streamKey, long version) => $"{streamKey}@{version}";

    /// <summary>
    /// An instant in nanoseconds since the Unix epoch. Events happen within the 64 bits' range (1677–2262); an event
    /// instant outside it fails the projection rather than be stored wrong.
    /// </summary>
    public static long Nanoseconds(Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();

    /// <summary>
    /// An <c>asOf</c> instant in nanoseconds since the Unix epoch for comparing with the window columns; one outside their
    /// range becomes its end, which compares with every stored instant as the instant itself would.
    /// </summary>
    public static long NanosecondsWithin(Instant instant) =>
        instant < NanosecondRange.Start ? long.MinValue : instant >= NanosecondRange.End ? long.MaxValue : Nanoseconds(instant);

    private static readonly Interval NanosecondRange = new(
        NodaConstants.UnixEpoch + Duration.FromNanoseconds(long.MinValue), NodaConstants.UnixEpoch + Duration.FromNanoseconds(long.MaxValue));

    /// <summary>The table Marten keeps <typeparamref name="TRevision"/> documents in, for the SQL that reads or writes it directly.</summary>
    public static string TableOf<TRevision>(string schema)
        where TRevision : Revision => $"{schema}.mt_doc_{typeof(TRevision).Name.ToLowerInvariant()}";

    /// <summary>
    /// The validity window, duplicated into columns so that the pool reader and the as-of queries filter it in SQL, but
    /// not indexed: a window predicate ("current", "valid at position p") holds for most rows of a directory, so no query
    /// is served by such an index, while an import would maintain five of them for every new record. The instants are
    /// duplicated as nanoseconds (<see cref="FromNanoseconds"/>), not as timestamptz, which would cut them to microseconds.
    /// </summary>
    protected static IReadOnlyList<DuplicatedColumn> Window { get; } =
    [
        new(nameof(IsCurrent), "is_current", NpgsqlDbType.Boolean, r => r.IsCurrent),
        new(nameof(FromSequence), "from_sequence", NpgsqlDbType.Bigint, r => r.FromSequence),
        new(nameof(ToSequence), "to_sequence", NpgsqlDbType.Bigint, r => r.ToSequence),
        new(nameof(FromNanoseconds), "from_nanoseconds", NpgsqlDbType.Bigint, r => r.FromNanoseconds),
        new(nameof(ToNanoseconds), "to_nanoseconds", NpgsqlDbType.Bigint, r => r.ToNanoseconds),
    ];

    /// <summary>
    /// Called from each revision type's ConfigureMarten (Marten looks for that method on the document type itself):
    /// duplicates <paramref name="columns"/>, indexing those named in <paramref name="indexed"/>, and checks that Marten
    /// names and types each column as the list says, because the bulk path (<c>BulkStreams</c>) writes them from the list.
    /// </summary>
    protected static void Duplicate(DocumentMapping mapping, IReadOnlyList<DuplicatedColumn> columns, params string[] indexed)
    {
        foreach (var column in columns)
        {
            var field = mapping.DuplicateField(column.Member);
            if (field.ColumnName != column.Column || field.DbType != column.Type)
            {
                throw new InvalidOperationException(
                    $"{mapping.DocumentType.Name}.{column.Member} is duplicated as {field.ColumnName} ({field.DbType}), not {column.Column} ({column.Type})");
            }

            if (indexed.Contains(column.Member))
            {
                mapping.AddIndex(column.Column);
            }
        }
    }
}

/// <summary>A member of a revision duplicated into a column of its own, with the value the column holds.</summary>
public sealed record DuplicatedColumn(string Member, string Column, NpgsqlDbType Type, Func<Revision, object?> Value);
