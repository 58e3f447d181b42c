using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Draws;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Plans;

/// <summary>What a write to a plan answers: which plan, and the stream version it is now at.</summary>
public sealed record PlanWritten(string PlanId, long StreamVersion);

public static class DraftPlanEndpoint
{
    /// <summary>Drafts a department's annual plan (business division or district bureau, inside its jurisdiction).</summary>
    [WolverinePost("/api/plans", Name = "DraftPlan")]
    public static async Task<Created<PlanWritten>> Post(
        DraftPlan command, ClaimsPrincipal user, IDocumentSession session, EntityPoolReader pool, IClock clock, CancellationToken cancellation)
    {
        var actor = user.ToActor();
        var id = PlanDecisions.AuthorizeDraft(command.Year, command.Jurisdiction, command.Department, actor);
        var current = await PlanReads.CurrentAsync(session, id);
        var context = current is null
            ? await PlanContexts.ReadAsync(session, pool, id, command.ToContent(), [], cancellation)
            : PlanContext.Undrawn(null, null);
        var events = PlanDecisions.Draft(command, current?.ToState(), context, actor, clock.GetCurrentInstant());
        var version = await StreamAppend.AppendAsync(session, id.StreamKey, current, events);
        return TypedResults.Created(PlanReads.Location(id), new PlanWritten(id.ToString(), version));
    }
}
