using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Ledger;
using FairDraw.Ledger.Inspectors;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Inspectors;

/// <summary>The answer to a write: the inspector and the version its stream reached.</summary>
public sealed record InspectorWritten(string Id, long Version);

public static class EnrolInspectorEndpoint
{
    /// <summary>Enrols one inspector in the directory (personnel office, inside its jurisdiction).</summary>
    [WolverinePost("/api/inspectors", Name = "EnrolInspector")]
    public static async Task<Created<InspectorWritten>> Post(InspectorInput input, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var id = InspectorId.Parse(input.Id);
        var current = await InspectorReads.CurrentAsync(session, id);
        var events = InspectorDecisions.Enrol(input, current?.ToState(), user.ToActor(), clock.GetCurrentInstant());
        var version = await StreamAppend.AppendAsync(session, StreamKeys.Inspector(id), current, events);
        return TypedResults.Created($"/api/inspectors/{id}", new InspectorWritten(id, version));
    }
}
