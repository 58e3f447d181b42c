using FairDraw.Projections.Directories;
using JasperFx.Events;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;
using Marten;
using Weasel.Core;

namespace FairDraw.Projections.Storage;

/// <summary>
/// The bulk path for starting many new streams at once (directory imports): the events go in with PostgreSQL COPY
/// through Marten's bulk event appender, then their revisions — computed by the very projection code the ordinary path
/// runs inline — are bulk-inserted. The result is the same events and the same documents as appending one by one.
/// </summary>
public static class BulkStreams
{
    /// <summary>
    /// Starts every stream of <paramref name="streams"/> (none may exist yet: an existing key fails the whole call).
    /// Returns the appended events with their versions and ledger positions assigned.
    /// </summary>
    public static async Task<IReadOnlyList<StreamAction>> StartAsync(
        IDocumentStore store, IReadOnlyList<(string StreamKey, IReadOnlyList<object> Events)> streams, CancellationToken cancellation)
    {
        var registry = ((DocumentStore)store).Events;
        var actions = streams.Select(s => StreamAction.Start(registry, s.StreamKey, [.. s.Events])).ToList();
        var serializer = store.Options.Serializer();
        foreach (var action in actions)
        {
            // New streams: versions are 1..n (the bulk appender assigns the same), known here so the chain can be sealed.
            var version = 0;
            foreach (var e in action.Events)
            {
                e.Version = ++version;
            }

            EventChain.Seal(action.Events, action.Key!, LedgerRecord.Genesis.ToArray(), serializer);
        }
        if (actions.Count > 0)
        {
            await store.BulkInsertEventsAsync(actions, batchSize: 10_000, cancellation);
        }

        return actions;
    }

    /// <summary>Projects the revisions of newly started streams and bulk-inserts them.</summary>
    public static async Task ProjectAsync<TState, TRevision>(
        IDocumentStore store, RevisionProjection<TState, TRevision> projection, IReadOnlyList<StreamAction> started, CancellationToken cancellation)
        where TState : class
        where TRevision : Revision
    {
        var revisions = started.SelectMany(a => projection.Project(null, a.Events)).ToList();
        if (revisions.Count > 0)
        {
            await store.BulkInsertAsync(revisions, BulkInsertMode.InsertsOnly, batchSize: 10_000, cancellation);
        }
    }
}
