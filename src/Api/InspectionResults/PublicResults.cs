using FairDraw.Ledger;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Results;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace FairDraw.Api.InspectionResults;

/// <summary>
/// A published result as anyone reads it: what was found (<c>Content</c>: method, date, the inspectors present, outcome,
/// findings), under which task and item, its publication, and the ledger <c>Sequence</c> of the publication event, whose
/// receipt <c>GET /api/ledger/receipts/{sequence}</c> serves without a token.
/// </summary>
public sealed record PublishedResult(
    string TaskId, string EntityId, string ItemCode, ResultContent Content, bool Overdue, InspectionResultPublished Publication, long Sequence);

/// <summary>The published results of one task or of one entity, in stream key order.</summary>
public sealed record PublishedResults(IReadOnlyList<PublishedResult> Results);

/// <summary>Public reads of results (一公开): only published ones; a result in any other state is absent.</summary>
public static class PublicResults
{
    /// <summary>The task's published results.</summary>
    [AllowAnonymous]
    [WolverineGet("/api/public/tasks/{taskId}/results", Name = "ListPublishedTaskResults")]
    public static async Task<PublishedResults> OfTask(string taskId, IQuerySession session, CancellationToken cancellation)
    {
        var prefix = StreamKeys.ResultsOf(taskId);
        return await PublishedAsync(session.Events.QueryAllRawEvents().Where(e => e.StreamKey!.StartsWith(prefix)), cancellation);
    }

    /// <summary>Every published result at the entity with this unified social credit code, across tasks.</summary>
    [AllowAnonymous]
    [WolverineGet("/api/public/entities/{uscc}/results", Name = "ListPublishedEntityResults")]
    public static async Task<PublishedResults> OfEntity(string uscc, IQuerySession session, CancellationToken cancellation)
    {
        if (!Uscc.TryParse(uscc, out var code, out var reason))
        {
            throw DomainException.Invalid("uscc", reason);
        }

        // Result streams are keyed result:{taskId}:{entityId}:{itemCode}; a USCC holds no colon, so this matches the entity only.
        var infix = $":{code.Value}:";
        return await PublishedAsync(
            session.Events.QueryAllRawEvents().Where(e => e.StreamKey!.StartsWith(StreamKeys.ResultPrefix) && e.StreamKey.Contains(infix)),
            cancellation);
    }

    private static async Task<PublishedResults> PublishedAsync(IQueryable<JasperFx.Events.IEvent> events, CancellationToken cancellation)
    {
        var read = await events.OrderBy(e => e.StreamKey).ThenBy(e => e.Version).ToListAsync(cancellation);
        var published = new List<PublishedResult>();
        foreach (var stream in read.GroupBy(e => e.StreamKey!))
        {
            var result = stream.Aggregate((InspectionResult?)null, (state, e) => InspectionResult.Evolve(state, e.Data));
            if (result?.Publication is { } publication)
            {
                var sequence = stream.Single(e => e.Data is InspectionResultPublished).Sequence;
                published.Add(new PublishedResult(
                    publication.TaskId, publication.EntityId, publication.ItemCode, result.Content, result.Overdue, publication, sequence));
            }
        }

        return new PublishedResults(published);
    }
}
