using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Storage;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Plans;

/// <summary>Filing a plan upward (备案) and the acknowledgement by the credit office above.</summary>
public static class FilePlanEndpoints
{
    /// <summary>Files a draft or an adjusted plan upward.</summary>
    [WolverinePost("/api/plans/{planId}/filing", Name = "FilePlan")]
    public static async Task<PlanWritten> PostFiling(string planId, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var id = PlanId.Parse(planId);
        var current = await PlanReads.CurrentAsync(session, id);
        var events = PlanDecisions.File(current?.ToState(), user.ToActor(), clock.GetCurrentInstant());
        return new PlanWritten(id.ToString(), await StreamAppend.AppendAsync(session, id.StreamKey, current, events));
    }

    /// <summary>Acknowledges the plan's current filing (credit office of a jurisdiction covering the plan's).</summary>
    [WolverinePost("/api/plans/{planId}/filing/acknowledgement", Name = "AcknowledgePlanFiling")]
    public static async Task<PlanWritten> PostAcknowledgement(string planId, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var id = PlanId.Parse(planId);
        var current = await PlanReads.CurrentAsync(session, id);
        var events = PlanDecisions.Acknowledge(current?.ToState(), user.ToActor(), clock.GetCurrentInstant());
        return new PlanWritten(id.ToString(), await StreamAppend.AppendAsync(session, id.StreamKey, current, events));
    }
}
