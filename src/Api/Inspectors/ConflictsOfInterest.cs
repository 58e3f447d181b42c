using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Ledger;
using FairDraw.Ledger.Inspectors;
using FairDraw.Projections.Storage;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Inspectors;

public static class ConflictOfInterestEndpoints
{
    /// <summary>Declares a conflict of interest with an entity (the personnel office, or the inspector itself).</summary>
    [WolverinePost("/api/inspectors/{id}/conflicts", Name = "DeclareConflictOfInterest")]
    public static async Task<InspectorWritten> PostConflict(string id, DeclareConflictOfInterest command, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var current = await InspectorReads.CurrentAsync(session, id);
        var events = InspectorDecisions.DeclareConflict(command, current?.ToState(), user.ToActor(), clock.GetCurrentInstant());
        return new InspectorWritten(id, await StreamAppend.AppendAsync(session, StreamKeys.Inspector(id), current, events));
    }

    /// <summary>Withdraws a declared conflict of interest (personnel office only).</summary>
    [WolverineDelete("/api/inspectors/{id}/conflicts/{uscc}", Name = "WithdrawConflictOfInterest")]
    public static async Task<InspectorWritten> DeleteConflict(string id, string uscc, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var current = await InspectorReads.CurrentAsync(session, id);
        var events = InspectorDecisions.WithdrawConflict(uscc, current?.ToState(), user.ToActor(), clock.GetCurrentInstant());
        return new InspectorWritten(id, await StreamAppend.AppendAsync(session, StreamKeys.Inspector(id), current, events));
    }
}
