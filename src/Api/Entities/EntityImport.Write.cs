using FairDraw.Api.Csv;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Directories;
using FairDraw.Projections.Storage;
using Marten;
using NodaTime;
using Npgsql;

namespace FairDraw.Api.Entities;

public static partial class EntityImport
{
    private const int WriteChunk = 5_000;
    private static readonly EntityRevisionProjection Projection = new();

    /// <summary>
    /// The second pass: reads the checked file again and writes it in one transaction, so that it lands entirely or not
    /// at all. Chunk by chunk, as a pipeline: the next chunk is read, decided against the directory, sealed and
    /// projected on another thread while this one is copied in through the bulk path, followed by its changes to known
    /// entities as ordinary appends with optimistic concurrency. An entity registered or changed by someone else since
    /// the check fails the whole import with 409. Only two chunks are held at a time.
    /// </summary>
    private static async Task<ImportSummary> WriteAsync(
        IDocumentStore store,
        UploadedFile file,
        HashSet<CodeKey> known,
        Actor actor,
        Instant now,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellation)
    {
        var bulk = new BulkStreams<MarketEntity, EntityRevision>(store, Projection, EntityRevision.Duplicated);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using var reader = new ChunkReader(store, file, bulk, known, actor, now);
        var preparing = Task.Run(() => reader.NextAsync(cancellation), cancellation);
        var summary = new ImportSummary(0, 0, 0, 0, 0);
        try
        {
            while (await preparing is { } chunk)
            {
                preparing = Task.Run(() => reader.NextAsync(cancellation), cancellation);
                using (chunk.Streams)
                {
                    await WriteChunkAsync(store, bulk, connection, transaction, chunk, cancellation);
                }

                summary = new ImportSummary(
                    summary.Rows + chunk.Rows,
                    summary.Registered + chunk.Streams.StreamCount,
                    summary.Updated + chunk.Changes.Count,
                    summary.Unchanged + chunk.Rows - chunk.Streams.StreamCount - chunk.Changes.Count,
                    summary.Events + chunk.Events);
                progress?.Report(new ImportProgress("write", file.Content.Position, file.Content.Length));
                GC.Collect(1); // a chunk leaves tens of MB of garbage; collecting it here keeps the import's memory below the file's size
            }
        }
        finally
        {
            await Task.WhenAny(preparing); // the reader's next chunk, before the reader and the file go (a failure is the writer's)
        }

        await transaction.CommitAsync(cancellation);
        return summary;
    }

    private static async Task WriteChunkAsync(
        IDocumentStore store,
        BulkStreams<MarketEntity, EntityRevision> bulk,
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        DecidedChunk chunk,
        CancellationToken cancellation)
    {
        try
        {
            if (chunk.Streams.StreamCount > 0)
            {
                await bulk.WriteAsync(connection, chunk.Streams, cancellation);
            }
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw DomainException.Conflict(
                "uscc",
                "导入期间有检查对象被另行登记，未写入任何数据，请重新导入 / an entity of the file was registered by another request during the import; nothing was written, import the file again");
        }

        if (chunk.Changes.Count > 0)
        {
            await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
            foreach (var (key, version, events) in chunk.Changes)
            {
                session.Events.Append(key, version + events.Count, [.. events]);
            }

            await session.SaveChangesAsync(cancellation);
        }
    }

    /// <summary>One chunk of rows, decided: its new streams sealed and projected, its changes to known entities.</summary>
    private sealed record DecidedChunk(
        int Rows, BulkChunk Streams, List<(string Key, long Version, IReadOnlyList<object> Events)> Changes, int Events);

    /// <summary>
    /// Reads the checked file chunk by chunk for the second pass, one chunk at a time. Positions are taken on a
    /// connection of its own (a sequence is not transactional, so this is what the import's transaction would take too).
    /// </summary>
    private sealed class ChunkReader(
        IDocumentStore store, UploadedFile file, BulkStreams<MarketEntity, EntityRevision> bulk, HashSet<CodeKey> known, Actor actor, Instant now)
        : IAsyncDisposable
    {
        private readonly List<LineError> readErrors = [];
        private readonly IQuerySession session = store.QuerySession();
        private readonly NpgsqlConnection positions = store.Storage.Database.CreateConnection();
        private IEnumerator<(int Line, EntityInput Input)>? rows;

        public async Task<DecidedChunk?> NextAsync(CancellationToken cancellation)
        {
            rows ??= EntityCsv.Read(file.Content, readErrors).GetEnumerator();
            var batch = new List<EntityImportRow>(WriteChunk);
            while (batch.Count < WriteChunk && rows.MoveNext())
            {
                batch.Add(EntityDecisions.ValidateImport(rows.Current.Input, actor, now)); // checked in the first pass
            }

            if (readErrors.Count > 0)
            {
                throw DomainException.Conflict(
                    "file", $"文件在导入期间被改动，未写入任何内容 / the file changed while it was imported, nothing was written: {readErrors[0]}");
            }

            if (batch.Count == 0)
            {
                return null;
            }

            string[] knownCodes = [.. batch.Select(r => r.Registration.Uscc).Where(c => known.Contains(CodeKey.Of(c)))];
            var current = await CurrentAsync(session, knownCodes, cancellation);
            var newStreams = new List<(string Key, IReadOnlyList<object> Events)>(batch.Count);
            var changes = new List<(string Key, long Version, IReadOnlyList<object> Events)>();
            var events = 0;
            foreach (var row in batch)
            {
                var uscc = row.Registration.Uscc;
                var state = current.GetValueOrDefault(uscc);
                var decided = Decide(row, state);
                if (state is null)
                {
                    newStreams.Add((StreamKeys.Entity(uscc), decided));
                }
                else if (decided.Count > 0)
                {
                    changes.Add((StreamKeys.Entity(uscc), state.Version, decided));
                }

                events += decided.Count;
            }

            if (positions.State != System.Data.ConnectionState.Open)
            {
                await positions.OpenAsync(cancellation);
            }

            var taken = await bulk.TakePositionsAsync(positions, newStreams.Sum(s => s.Events.Count), cancellation);
            return new DecidedChunk(batch.Count, bulk.Prepare(newStreams, taken), changes, events);
        }

        public async ValueTask DisposeAsync()
        {
            rows?.Dispose();
            await session.DisposeAsync();
            await positions.DisposeAsync();
        }

        /// <summary>A row the first pass accepted and that the directory, changed since, now refuses, is a concurrent change.</summary>
        private IReadOnlyList<object> Decide(EntityImportRow row, EntityRevision? state)
        {
            try
            {
                return EntityDecisions.Import(row, state?.ToState(), actor, now);
            }
            catch (DomainException error) when (error.Kind != DomainErrorKind.Forbidden)
            {
                throw DomainException.Conflict(
                    "uscc",
                    $"导入期间{row.Registration.Uscc}被另行修改，未写入任何数据，请重新导入 / {row.Registration.Uscc} was changed by another request during the import; nothing was written, import the file again");
            }
        }
    }
}
