using FairDraw.Ledger;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Results;
using FairDraw.Projections.Results;
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
    public static Task<PublishedResults> OfTask(string taskId, IQuerySession session, CancellationToken cancellation) =>
        PublishedAsync(session.Query<PublishedResultView>().Where(view => view.TaskId == taskId), cancellation);

    /// <summary>Every published result at the entity with this unified social credit code, across tasks.</summary>
    [AllowAnonymous]
    [WolverineGet("/api/public/entities/{uscc}/results", Name = "ListPublishedEntityResults")]
    public static Task<PublishedResults> OfEntity(string uscc, IQuerySession session, CancellationToken cancellation)
    {
        if (!Uscc.TryParse(uscc, out var code, out var reason))
        {
            throw DomainException.Invalid("uscc", reason);
        }

        var entityId = code.Value.Value;
        return PublishedAsync(session.Query<PublishedResultView>().Where(view => view.EntityId == entityId), cancellation);
    }

    /// <summary>The published results the query selects, from their projection (PublishedResultView), in stream key order.</summary>
    private static async Task<PublishedResults> PublishedAsync(IQueryable<PublishedResultView> views, CancellationToken cancellation)
    {
        var read = await views.OrderBy(view => view.Id).ToListAsync(cancellation);
        return new PublishedResults([.. read.Select(Of)]);
    }

    /// <summary>A published result as anyone reads it, from its projection.</summary>
    public static PublishedResult Of(PublishedResultView view) =>
        new(view.TaskId, view.EntityId, view.ItemCode, view.Content!, view.Overdue, view.Publication!, view.Sequence);
}
