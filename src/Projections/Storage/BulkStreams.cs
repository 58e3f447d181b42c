using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Directories;
using FairDraw.Projections.Integrity;
using JasperFx.Events;
using Marten;
using Weasel.Core;

namespace FairDraw.Projections.Storage;

/// <summary>
/// The bulk path for starting many new streams at once (directory imports), in three steps a caller can pipeline:
/// <see cref="Seal"/> builds the streams and seals their events into the hash chain (CPU only), <see cref="AppendAsync"/>
/// copies them in with PostgreSQL COPY through Marten's bulk event appender, and <see cref="ProjectAsync"/> bulk-inserts
/// the revisions computed by the very projection code the ordinary path runs inline. The result is the same events
/// (chained) and the same documents as appending one by one.
/// </summary>
public static class BulkStreams
{
    /// <summary>New streams with their events at versions 1..n, sealed into their chains.</summary>
    public static IReadOnlyList<StreamAction> Seal(IDocumentStore store, IReadOnlyList<(string StreamKey, IReadOnlyList<object> Events)> streams)
    {
        var registry = ((DocumentStore)store).Events;
        var serializer = store.Options.Serializer();
        var actions = new List<StreamAction>(streams.Count);
        foreach (var (key, events) in streams)
        {
            var action = StreamAction.Start(registry, key, [.. events]);
            var version = 0;
            foreach (var e in action.Events)
            {
                e.Version = ++version; // the bulk appender assigns the same; known here so the chain can be sealed
            }

            EventChain.Seal(action.Events, key, LedgerRecord.Genesis.ToArray(), serializer);
            actions.Add(action);
        }

        return actions;
    }

    /// <summary>
    /// Copies sealed new streams in (none may exist yet: an existing key fails the whole call); assigns every event its
    /// ledger position.
    /// </summary>
    public static async Task AppendAsync(IDocumentStore store, IReadOnlyList<StreamAction> sealedStreams, CancellationToken cancellation)
    {
        if (sealedStreams.Count > 0)
        {
            await store.BulkInsertEventsAsync(sealedStreams, batchSize: 50_000, cancellation);
        }
    }

    /// <summary>Projects the revisions of newly appended streams and bulk-inserts them.</summary>
    public static async Task ProjectAsync<TState, TRevision>(
        IDocumentStore store, RevisionProjection<TState, TRevision> projection, IReadOnlyList<StreamAction> appended, CancellationToken cancellation)
        where TState : class
        where TRevision : Revision
    {
        var revisions = appended.SelectMany(a => projection.Project(null, a.Events)).ToList();
        if (revisions.Count > 0)
        {
            await store.BulkInsertAsync(revisions, BulkInsertMode.InsertsOnly, batchSize: 50_000, cancellation);
        }
    }
}
