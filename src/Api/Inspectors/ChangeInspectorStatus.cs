using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Ledger;
using FairDraw.Ledger.Inspectors;
using FairDraw.Projections.Storage;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Inspectors;

public static class ChangeInspectorStatusEndpoints
{
    /// <summary>Suspends an active inspector, with a reason.</summary>
    [WolverinePost("/api/inspectors/{id}/suspend", Name = "SuspendInspector")]
    public static async Task<InspectorWritten> PostSuspend(string id, SuspendInspector command, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var current = await InspectorReads.CurrentAsync(session, id);
        var events = InspectorDecisions.Suspend(command, current?.ToState(), user.ToActor(), clock.GetCurrentInstant());
        return new InspectorWritten(id, await StreamAppend.AppendAsync(session, StreamKeys.Inspector(id), current, events));
    }

    /// <summary>Reinstates a suspended inspector.</summary>
    [WolverinePost("/api/inspectors/{id}/reinstate", Name = "ReinstateInspector")]
    public static async Task<InspectorWritten> PostReinstate(string id, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var current = await InspectorReads.CurrentAsync(session, id);
        var events = InspectorDecisions.Reinstate(current?.ToState(), user.ToActor(), clock.GetCurrentInstant());
        return new InspectorWritten(id, await StreamAppend.AppendAsync(session, StreamKeys.Inspector(id), current, events));
    }

    /// <summary>Retires an inspector for good; its record stays readable.</summary>
    [WolverinePost("/api/inspectors/{id}/retire", Name = "RetireInspector")]
    public static async Task<InspectorWritten> PostRetire(string id, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var current = await InspectorReads.CurrentAsync(session, id);
        var events = InspectorDecisions.Retire(current?.ToState(), user.ToActor(), clock.GetCurrentInstant());
        return new InspectorWritten(id, await StreamAppend.AppendAsync(session, StreamKeys.Inspector(id), current, events));
    }
}
