using System.Data;
using FairDraw.Ledger;
using JasperFx.Events;
using Marten;
using Marten.Services;
using Npgsql;

namespace FairDraw.Projections.Directories;

/// <summary>A revision row that is not what the directory's events produce, or a stream whose revisions are missing.</summary>
public sealed record DirectoryFinding(string StreamKey, string Detail);

/// <summary>
/// What <see cref="DirectoryReplay"/> found for one directory; <see cref="Findings"/> holds the first ones.
/// <see cref="Outcome"/> passes only when the directory had streams to replay (an empty one is not run).
/// </summary>
public sealed record DirectoryReport(string Directory, long Streams, long Events, long Revisions, long FindingCount, IReadOnlyList<DirectoryFinding> Findings)
{
    public bool Intact => FindingCount == 0;

    public CheckOutcome Outcome => !Intact ? CheckOutcome.Fail : Streams == 0 ? CheckOutcome.NotRun : CheckOutcome.Pass;
}

/// <summary>
/// Checks a directory's read model against the ledger. The pool of a draw, its verification and every as-of query read
/// the revision tables, which are a projection of the events: an edit of those tables behind the ledger changes a pool
/// without touching a chained event. This replays every stream of the directory through the projection's own pure core
/// (<see cref="RevisionProjection{TState,TRevision}.Project"/>) and compares each stored revision with the replayed one:
/// the document and every duplicated column (the window, the code, the jurisdiction), and finally the number of rows,
/// so a row no event produced is found too. Events and revisions are read in one snapshot (two connections sharing it).
/// </summary>
public sealed class DirectoryReplay(IDocumentStore store, NpgsqlDataSource dataSource)
{
    public const int FindingsKept = 100;
    private const int Batch = 5_000;

    public Task<DirectoryReport> EntitiesAsync(IProgress<long>? progress, CancellationToken cancellation) =>
        VerifyAsync("entities", new EntityRevisionProjection(), EntityRevision.Duplicated, progress, cancellation);

    public Task<DirectoryReport> InspectorsAsync(IProgress<long>? progress, CancellationToken cancellation) =>
        VerifyAsync("inspectors", new InspectorRevisionProjection(), InspectorRevision.Duplicated, progress, cancellation);

    private async Task<DirectoryReport> VerifyAsync<TState, TRevision>(
        string directory, RevisionProjection<TState, TRevision> projection, IReadOnlyList<DuplicatedColumn> columns, IProgress<long>? progress, CancellationToken cancellation)
        where TState : class
        where TRevision : Revision
    {
        await store.Storage.Database.EnsureStorageExistsAsync(typeof(TRevision), cancellation); // a directory never written to
        var table = Revision.TableOf<TRevision>(store.Options.DatabaseSchemaName);
        var serializer = store.Options.Serializer();
        var findings = new List<DirectoryFinding>();
        var (findingCount, missing) = (0L, 0L);
        void Found(string streamKey, string detail)
        {
            findingCount++;
            if (findings.Count < FindingsKept)
            {
                findings.Add(new DirectoryFinding(streamKey, detail));
            }
        }

        await using var eventConnection = await dataSource.OpenConnectionAsync(cancellation);
        await using var eventSnapshot = await eventConnection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellation);
        await using var revisionConnection = await dataSource.OpenConnectionAsync(cancellation);
        await using var revisionSnapshot = await revisionConnection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellation);
        await using (var export = new NpgsqlCommand("select pg_export_snapshot()", eventConnection, eventSnapshot))
        await using (var import = new NpgsqlCommand($"set transaction snapshot '{(string)(await export.ExecuteScalarAsync(cancellation))!}'", revisionConnection, revisionSnapshot))
        {
            await import.ExecuteNonQueryAsync(cancellation);
        }

        await using var session = store.QuerySession(SessionOptions.ForTransaction(eventSnapshot));
        var (streams, events, revisions) = (0L, 0L, 0L);
        var expected = new Dictionary<string, TRevision>(StringComparer.Ordinal);

        async Task CompareAsync()
        {
            var stored = await ReadAsync(revisionConnection, revisionSnapshot, table, columns, [.. expected.Keys], cancellation);
            foreach (var (id, replayed) in expected)
            {
                if (!stored.TryGetValue(id, out var row))
                {
                    missing++;
                    Found(replayed.StreamKey, $"revision {id} is missing");
                    continue;
                }

                var replayedJson = serializer.ToJson(replayed);
                var storedJson = serializer.ToJson(serializer.FromJson<TRevision>(new MemoryStream(row.Data)));
                if (replayedJson != storedJson)
                {
                    Found(replayed.StreamKey, $"revision {id} differs from its events: stored {storedJson}, replayed {replayedJson}");
                }

                foreach (var (column, value) in columns.Zip(row.Columns))
                {
                    var given = column.Value(replayed);
                    if (!Equals(given, value))
                    {
                        Found(replayed.StreamKey, $"revision {id}: column {column.Column} holds {value ?? "null"}, its events give {given ?? "null"}");
                    }
                }
            }

            revisions += expected.Count;
            expected.Clear();
            progress?.Report(events);
        }

        string? key = null;
        var streamEvents = new List<IEvent>();
        void Replay()
        {
            foreach (var revision in projection.Project(null, streamEvents))
            {
                expected[revision.Id] = revision;
            }

            streams++;
            streamEvents.Clear();
        }

        var query = session.Events.QueryAllRawEvents()
            .Where(e => e.StreamKey!.StartsWith(projection.StreamPrefix))
            .OrderBy(e => e.StreamKey)
            .ThenBy(e => e.Version);
        await foreach (var e in query.ToAsyncEnumerable(cancellation))
        {
            if (e.StreamKey != key && streamEvents.Count > 0)
            {
                Replay();
                if (expected.Count >= Batch)
                {
                    await CompareAsync();
                }
            }

            key = e.StreamKey;
            streamEvents.Add(e);
            events++;
        }

        if (streamEvents.Count > 0)
        {
            Replay();
        }

        await CompareAsync();
        var surplus = await CountAsync(revisionConnection, revisionSnapshot, table, cancellation) - (revisions - missing);
        if (surplus > 0)
        {
            foreach (var id in await ExtraRevisionsAsync(revisionConnection, revisionSnapshot, table, projection.StreamPrefix, cancellation))
            {
                surplus--;
                Found(id.LastIndexOf('@') is > 0 and var at ? id[..at] : id, $"revision {id} was produced by no event of its stream");
            }
        }

        if (surplus != 0)
        {
            Found("", $"{table} holds {revisions - missing + surplus:N0} revisions besides those named; the events produce {revisions:N0}");
        }

        return new DirectoryReport(directory, streams, events, revisions, findingCount, findings);
    }

    private sealed record StoredRow(byte[] Data, object?[] Columns);

    private static async Task<long> CountAsync(NpgsqlConnection connection, NpgsqlTransaction snapshot, string table, CancellationToken cancellation)
    {
        await using var count = new NpgsqlCommand($"select count(*) from {table}", connection, snapshot);
        return (long)(await count.ExecuteScalarAsync(cancellation))!;
    }

    /// <summary>
    /// The first revisions ("{stream key}@{version}") for which the stream has no such event, or which name a stream
    /// outside the directory: rows added behind the ledger. Read in the revision snapshot, which shares the events'.
    /// </summary>
    private static async Task<List<string>> ExtraRevisionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction snapshot, string table, string streamPrefix, CancellationToken cancellation)
    {
        var events = table[..table.LastIndexOf('.')] + ".mt_events";
        await using var command = new NpgsqlCommand(
            $"""
            select r.id from {table} r
            where not starts_with(r.id, $1) or strpos(r.id, '@') = 0 or not exists (
                select 1 from {events} e
                where e.stream_id = left(r.id, length(r.id) - strpos(reverse(r.id), '@'))
                  and e.version::text = right(r.id, strpos(reverse(r.id), '@') - 1))
            order by r.id
            limit {FindingsKept}
            """, connection, snapshot);
        command.Parameters.Add(new NpgsqlParameter { Value = streamPrefix });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static async Task<Dictionary<string, StoredRow>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction snapshot, string table, IReadOnlyList<DuplicatedColumn> columns, string[] ids, CancellationToken cancellation)
    {
        var rows = new Dictionary<string, StoredRow>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            $"select id, convert_to(data::text, 'UTF8'), {string.Join(", ", columns.Select(c => c.Column))} from {table} where id = any($1)", connection, snapshot);
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var values = new object?[columns.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i + 2) ? null : reader.GetValue(i + 2);
            }

            rows[reader.GetString(0)] = new StoredRow(reader.GetFieldValue<byte[]>(1), values);
        }

        return rows;
    }
}
