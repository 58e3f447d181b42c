using FairDraw.Projections.Directories;
using JasperFx.Events;
using Marten;
using Weasel.Core;

namespace FairDraw.Projections.Storage;

/// <summary>
/// The bulk path for starting many new streams at once (directory imports): the events go in with PostgreSQL COPY
/// through Marten's bulk event appender, and their revisions are computed by the very projection code the ordinary
/// path runs inline, then bulk-inserted. The result is the same events and the same documents as appending one by one.
/// </summary>
public static class BulkStreams
{
    /// <summary>Starts every stream of <paramref name="streams"/> (which must not exist yet) and projects its revisions.</summary>
    public static async Task StartAsync<TState, TRevision>(
        IDocumentStore store,
        RevisionProjection<TState, TRevision> projection,
        IReadOnlyList<(string StreamKey, IReadOnlyList<object> Events)> streams,
        CancellationToken cancellation)
        where TState : class
        where TRevision : Revision
    {
        if (streams.Count == 0)
        {
            return;
        }

        var registry = ((DocumentStore)store).Events;
        var actions = streams.Select(s => StreamAction.Start(registry, s.StreamKey, [.. s.Events])).ToList();

        // Assigns every event its version and ledger position (sequence) before it is copied in.
        await store.BulkInsertEventsAsync(actions, batchSize: 10_000, cancellation);

        var revisions = actions.SelectMany(a => projection.Project(null, a.Events)).ToList();
        await store.BulkInsertAsync(revisions, BulkInsertMode.InsertsOnly, batchSize: 10_000, cancellation);
    }
}
