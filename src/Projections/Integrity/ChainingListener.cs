using FairDraw.Ledger.Integrity;
using Marten;

namespace FairDraw.Projections.Integrity;

/// <summary>
/// Chains every event a session appends, in the same transaction: runs after Marten has assigned versions (Rich mode)
/// and before the batch is written. For a stream that already has events, the previous chain hash is read from the
/// stream's last stored event.
/// </summary>
public sealed class ChainingListener : DocumentSessionListenerBase
{
    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var streams = session.PendingChanges.Streams().Where(s => s.Events.Count > 0).ToList();
        if (streams.Count == 0)
        {
            return;
        }

        await RequireTransactionAsync(session, token);
        foreach (var stream in streams)
        {
            var events = stream.Events.OrderBy(e => e.Version).ToList();
            var previous = events[0].Version == 1
                ? LedgerRecord.Genesis.ToArray()
                : await PreviousChainAsync(session, stream.Key!, events[0].Version - 1, token);
            EventChain.Seal(events, stream.Key!, previous, session.DocumentStore.Options.Serializer());
        }
    }

    /// <summary>
    /// Fails the write unless its ledger positions were taken inside the transaction that writes them
    /// (docs/architecture.md, "The settled position"): <c>nextval</c> holds a lock on the sequence until its transaction
    /// ends, so the session's transaction holds it only if the positions were taken in it.
    /// </summary>
    private static Task RequireTransactionAsync(IDocumentSession session, CancellationToken token) => session.QueryAsync<int>(
        $"select 1 from {session.DocumentStore.Options.Events.DatabaseSchemaName}.ledger_require_positions_in_transaction()", token);

    private static async Task<byte[]> PreviousChainAsync(IDocumentSession session, string streamKey, long version, CancellationToken token)
    {
        var previous = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamKey == streamKey && e.Version == version)
            .SingleOrDefaultAsync(token);
        return (previous is null ? null : EventChain.StoredChain(previous))
            ?? throw new InvalidOperationException($"{streamKey} version {version} is missing or unchained: the ledger must be verified before appending");
    }
}
