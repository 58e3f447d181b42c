using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Draws;
using FairDraw.Projections.Storage;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Plans;

/// <summary>Changes to a plan's content: revisions of a draft, adjustments (with a reason) of a filed plan.</summary>
public static class ChangePlanEndpoints
{
    /// <summary>Replaces the content of a plan not filed yet.</summary>
    [WolverinePut("/api/plans/{planId}", Name = "RevisePlan")]
    public static async Task<PlanWritten> Put(
        string planId, RevisePlan command, ClaimsPrincipal user, IDocumentSession session, EntityPoolReader pool, IClock clock, CancellationToken cancellation)
    {
        var id = PlanId.Parse(planId);
        var current = await PlanReads.CurrentAsync(session, id);
        var context = current is null
            ? PlanContext.Undrawn(null, null)
            : await PlanContexts.ReadAsync(session, pool, id, command.ToContent(), [], cancellation);
        var events = PlanDecisions.Revise(command, current?.ToState(), context, user.ToActor(), clock.GetCurrentInstant());
        return new PlanWritten(id.ToString(), await StreamAppend.AppendAsync(session, id.StreamKey, current, events));
    }

    /// <summary>Adjusts a filed plan with a reason (调整); it must then be filed again. Drawn tasks keep their draw's content.</summary>
    [WolverinePost("/api/plans/{planId}/adjustments", Name = "AdjustPlan")]
    public static async Task<PlanWritten> PostAdjustment(
        string planId, AdjustPlan command, ClaimsPrincipal user, IDocumentSession session, EntityPoolReader pool, IClock clock, CancellationToken cancellation)
    {
        var id = PlanId.Parse(planId);
        await PlanLocks.ForChangeAsync(session, id, cancellation);
        var current = await PlanReads.CurrentAsync(session, id);
        var context = current is null
            ? PlanContext.Undrawn(null, null)
            : await PlanContexts.ReadAsync(session, pool, id, command.ToContent(), [.. current.Tasks.Select(task => task.Code)], cancellation);
        var events = PlanDecisions.Adjust(command, current?.ToState(), context, user.ToActor(), clock.GetCurrentInstant());
        return new PlanWritten(id.ToString(), await StreamAppend.AppendAsync(session, id.StreamKey, current, events));
    }
}
