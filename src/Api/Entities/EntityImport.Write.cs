using FairDraw.Api.Csv;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Directories;
using FairDraw.Projections.Storage;
using Marten;
using NodaTime;

namespace FairDraw.Api.Entities;

public static partial class EntityImport
{
    private const int WriteChunk = 5_000;
    private static readonly EntityRevisionProjection Projection = new();

    /// <summary>
    /// The second pass: reads the checked file again and writes it in one transaction through the bulk import
    /// (<see cref="BulkImport{TState, TRevision}"/>); an entity registered or changed by someone else since the check
    /// fails the whole import with 409.
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
        await using var import = new BulkImport<MarketEntity, EntityRevision>(store, bulk, RegisteredMeanwhile);
        await using var reader = new ChunkReader(store, file, bulk, import, known, actor, now);
        var summary = new ImportSummary(0, 0, 0, 0, 0);
        await import.WriteAsync(reader.NextAsync, chunk =>
        {
            summary = new ImportSummary(
                summary.Rows + chunk.Rows,
                summary.Registered + chunk.Streams.StreamCount,
                summary.Updated + chunk.Changes.Count,
                summary.Unchanged + chunk.Rows - chunk.Streams.StreamCount - chunk.Changes.Count,
                summary.Events + chunk.Events);
            progress?.Report(new ImportProgress("write", file.Content.Position, file.Content.Length));
        }, cancellation);
        return summary;
    }

    private static DomainException RegisteredMeanwhile() => DomainException.Conflict(
        "uscc",
        "导入期间有检查对象被另行登记，未写入任何数据，请重新导入 / an entity of the file was registered by another request during the import; nothing was written, import the file again");

    /// <summary>Reads the checked file chunk by chunk for the second pass and decides each chunk, one at a time.</summary>
    private sealed class ChunkReader(
        IDocumentStore store,
        UploadedFile file,
        BulkStreams<MarketEntity, EntityRevision> bulk,
        BulkImport<MarketEntity, EntityRevision> import,
        HashSet<CodeKey> known,
        Actor actor,
        Instant now)
        : IAsyncDisposable
    {
        private readonly List<LineError> readErrors = [];
        private readonly IQuerySession session = store.QuerySession();
        private IEnumerator<(int Line, EntityInput Input)>? rows;

        public async Task<ImportChunk?> NextAsync(CancellationToken cancellation)
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
            var changes = new List<StreamChange>();
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
                    changes.Add(new StreamChange(StreamKeys.Entity(uscc), state.Version, decided));
                }

                events += decided.Count;
            }

            var taken = await import.TakePositionsAsync(newStreams.Sum(s => s.Events.Count), cancellation);
            return new ImportChunk(batch.Count, bulk.Prepare(newStreams, taken), changes, events);
        }

        public async ValueTask DisposeAsync()
        {
            rows?.Dispose();
            await session.DisposeAsync();
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
