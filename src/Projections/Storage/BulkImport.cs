using FairDraw.Ledger;
using FairDraw.Projections.Directories;
using Marten;
using Npgsql;

namespace FairDraw.Projections.Storage;

/// <summary>Events decided for a stream that exists, on the version that was read of it.</summary>
public sealed record StreamChange(string Key, long Version, IReadOnlyList<object> Events);

/// <summary>One chunk of an import, decided: its new streams sealed and projected, its changes to existing streams.</summary>
public sealed record ImportChunk(int Rows, BulkChunk Streams, IReadOnlyList<StreamChange> Changes, int Events);

/// <summary>
/// Writes an import in one transaction, so that it lands entirely or not at all. Chunk by chunk, as a pipeline: the next
/// chunk is prepared on another thread while this one is copied in through the bulk path, followed by its changes to
/// existing streams as ordinary appends with optimistic concurrency. A stream started or changed by someone else since
/// the import was checked fails the whole import with 409. Only two chunks are held at a time.
/// </summary>
public sealed class BulkImport<TState, TRevision>(
    IDocumentStore store, BulkStreams<TState, TRevision> bulk, Func<DomainException> startedMeanwhile) : IAsyncDisposable
    where TState : class
    where TRevision : Revision
{
    private readonly NpgsqlConnection positions = store.Storage.Database.CreateConnection();

    /// <summary>
    /// Takes a chunk's ledger positions on a connection of its own (a sequence is not transactional, so the import's
    /// transaction would take the same), while that transaction writes the chunk before.
    /// </summary>
    public async Task<long[]> TakePositionsAsync(int count, CancellationToken cancellation)
    {
        if (positions.State != System.Data.ConnectionState.Open)
        {
            await positions.OpenAsync(cancellation);
        }

        return await bulk.TakePositionsAsync(positions, count, cancellation);
    }

    /// <summary>Writes every chunk <paramref name="next"/> prepares (null: no more), reporting each to <paramref name="written"/>.</summary>
    public async Task WriteAsync(
        Func<CancellationToken, Task<ImportChunk?>> next, Action<ImportChunk> written, CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        var preparing = Task.Run(() => next(cancellation), cancellation);
        try
        {
            while (await preparing is { } chunk)
            {
                preparing = Task.Run(() => next(cancellation), cancellation);
                using (chunk.Streams)
                {
                    await WriteChunkAsync(connection, transaction, chunk, cancellation);
                }

                written(chunk);
                GC.Collect(1); // a chunk leaves tens of MB of garbage; collecting it here keeps the import's memory below the file's size
            }
        }
        finally
        {
            await Task.WhenAny(preparing); // the next chunk, before its source goes (a failure is the writer's)
        }

        await transaction.CommitAsync(cancellation);
    }

    private async Task WriteChunkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ImportChunk chunk, CancellationToken cancellation)
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
            throw startedMeanwhile();
        }

        if (chunk.Changes.Count > 0)
        {
            await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
            foreach (var change in chunk.Changes)
            {
                session.Events.Append(change.Key, change.Version + change.Events.Count, [.. change.Events]);
            }

            await session.SaveChangesAsync(cancellation);
        }
    }

    public ValueTask DisposeAsync() => positions.DisposeAsync();
}
