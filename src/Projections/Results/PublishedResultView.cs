using FairDraw.Ledger.Results;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace FairDraw.Projections.Results;

/// <summary>
/// A published result (一公开) as the public reads it, one document per result stream, keyed by the stream key. It is
/// made by <see cref="InspectionResultPublished"/> alone: a result in any other state has no document here.
/// </summary>
public sealed class PublishedResultView
{
    /// <summary>The result's stream key, "result:{taskId}:{entityId}:{itemCode}" (so documents sort as the streams do).</summary>
    public string Id { get; set; } = "";

    public string TaskId { get; set; } = "";

    /// <summary>The entity's unified social credit code.</summary>
    public string EntityId { get; set; } = "";

    public string ItemCode { get; set; } = "";

    /// <summary>What was found, as it stood when published (the last correction, or as recorded).</summary>
    public ResultContent? Content { get; set; }

    public bool Overdue { get; set; }

    public InspectionResultPublished? Publication { get; set; }

    /// <summary>The ledger position of the publication event (its receipt).</summary>
    public long Sequence { get; set; }
}

/// <summary>
/// Writes a <see cref="PublishedResultView"/> when a result is published, in the publishing transaction (inline). The
/// event names no content, so the result's earlier events are read once, at publication, and folded with the domain's
/// own <see cref="InspectionResult.Evolve"/>.
/// </summary>
public sealed class PublishedResultViewProjection : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var published = events.Where(e => e.Data is InspectionResultPublished).ToList();
        foreach (var publication in published)
        {
            var key = publication.StreamKey!;
            var batch = events.Where(e => e.StreamKey == key).ToList();
            var earliest = batch.Min(e => e.Version);
            var stored = await operations.Events.FetchStreamAsync(key, token: cancellation);
            var result = stored.Where(e => e.Version < earliest).Concat(batch.Where(e => e.Version <= publication.Version))
                .OrderBy(e => e.Version)
                .Aggregate((InspectionResult?)null, (state, e) => InspectionResult.Evolve(state, e.Data))
                ?? throw new InvalidOperationException($"a publication on {key} without a recorded result");
            var data = (InspectionResultPublished)publication.Data;
            operations.Store(new PublishedResultView
            {
                Id = key,
                TaskId = data.TaskId,
                EntityId = data.EntityId,
                ItemCode = data.ItemCode,
                Content = result.Content,
                Overdue = result.Overdue,
                Publication = data,
                Sequence = publication.Sequence,
            });
        }
    }
}
