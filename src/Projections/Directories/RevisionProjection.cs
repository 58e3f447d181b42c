using FairDraw.Ledger;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace FairDraw.Projections.Directories;

/// <summary>
/// Projects the streams of one directory (by stream-key prefix) into <typeparamref name="TRevision"/> documents:
/// each event closes the stream's current revision and opens a new one. Deterministic: everything comes from the events.
/// </summary>
public abstract class RevisionProjection<TState, TRevision> : IProjection
    where TState : class
    where TRevision : Revision
{
    /// <summary>The stream-key prefix of the directory's streams ("entity:", "inspector:").</summary>
    public abstract string StreamPrefix { get; }

    protected abstract TState Evolve(TState? state, object data);

    protected abstract TRevision ToRevision(TState state);

    protected abstract TState ToState(TRevision revision);

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var streams = events
            .Where(e => e.StreamKey is not null && e.StreamKey.StartsWith(StreamPrefix, StringComparison.Ordinal))
            .GroupBy(e => e.StreamKey!)
            .ToList();
        if (streams.Count == 0)
        {
            return;
        }

        var previousIds = streams
            .Select(s => s.Min(e => e.Version))
            .Zip(streams, (first, s) => (first, key: s.Key))
            .Where(x => x.first > 1)
            .Select(x => Revision.IdFor(x.key, x.first - 1))
            .ToArray();
        var previous = previousIds.Length == 0
            ? new Dictionary<string, TRevision>()
            : (await operations.LoadManyAsync<TRevision>(cancellation, previousIds)).ToDictionary(r => r.StreamKey);

        foreach (var stream in streams)
        {
            operations.Store([.. Project(previous.GetValueOrDefault(stream.Key), stream)]);
        }
    }

    /// <summary>
    /// The pure core, shared with the bulk import: given a stream's current revision (null for a new stream) and its
    /// next events in order, the documents to store: the closed current revision and one new revision per event.
    /// </summary>
    public IReadOnlyList<TRevision> Project(TRevision? current, IEnumerable<IEvent> streamEvents)
    {
        var result = new List<TRevision>();
        var state = current is null ? null : ToState(current);
        foreach (var e in streamEvents.OrderBy(e => e.Version))
        {
            var at = ((IAttributedEvent)e.Data).OccurredAt;
            if (current is not null)
            {
                current.ToSequence = e.Sequence;
                current.ToTime = at;
                current.IsCurrent = false;
                result.Add(current);
            }

            state = Evolve(state, e.Data);
            current = ToRevision(state);
            current.StreamKey = e.StreamKey!;
            current.Version = e.Version;
            current.Id = Revision.IdFor(current.StreamKey, e.Version);
            current.FromSequence = e.Sequence;
            current.FromTime = at;
            current.IsCurrent = true;
        }

        if (current is not null)
        {
            result.Add(current);
        }

        return result;
    }
}
