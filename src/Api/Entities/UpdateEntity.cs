using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Ledger;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Storage;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Entities;

public static class UpdateEntityEndpoints
{
    /// <summary>Replaces the descriptive fields of an entity (name, address, industry, risk class, tags).</summary>
    [WolverinePut("/api/entities/{uscc}/details", Name = "UpdateEntityDetails")]
    public static async Task<EntityWritten> PutDetails(string uscc, UpdateEntityDetails command, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var current = await EntityReads.CurrentAsync(session, uscc);
        var events = EntityDecisions.UpdateDetails(command, current?.ToState(), user.ToActor(), clock.GetCurrentInstant());
        return new EntityWritten(uscc, await StreamAppend.AppendAsync(session, StreamKeys.Entity(uscc), current, events));
    }

    /// <summary>Changes the registration status of an entity (存续/注销/吊销/迁出) with a reason.</summary>
    [WolverinePost("/api/entities/{uscc}/status", Name = "ChangeEntityStatus")]
    public static async Task<EntityWritten> PostStatus(string uscc, ChangeEntityStatus command, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var current = await EntityReads.CurrentAsync(session, uscc);
        var events = EntityDecisions.ChangeStatus(command, current?.ToState(), user.ToActor(), clock.GetCurrentInstant());
        return new EntityWritten(uscc, await StreamAppend.AppendAsync(session, StreamKeys.Entity(uscc), current, events));
    }
}
