using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Ledger;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Entities;

public sealed record EntityWritten(string Uscc, long Version);

public static class RegisterEntityEndpoint
{
    /// <summary>Registers one entity in the directory (registrar, inside its jurisdiction).</summary>
    [WolverinePost("/api/entities", Name = "RegisterEntity")]
    public static async Task<Created<EntityWritten>> Post(EntityInput input, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var uscc = Uscc.Parse(input.Uscc).Value;
        var current = await EntityReads.CurrentAsync(session, uscc);
        var events = EntityDecisions.Register(input, current?.ToState(), user.ToActor(), clock.GetCurrentInstant());
        var version = await StreamAppend.AppendAsync(session, StreamKeys.Entity(uscc), current, events);
        return TypedResults.Created($"/api/entities/{uscc}", new EntityWritten(uscc, version));
    }
}
