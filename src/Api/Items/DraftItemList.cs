using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Ledger.Items;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Items;

/// <summary>What a write to a list answers: which list, and the stream version it is now at.</summary>
public sealed record ItemListWritten(string Jurisdiction, string Version, long StreamVersion)
{
    public static ItemListWritten For(ItemListId id, long streamVersion) => new(id.Jurisdiction.Value, id.Version, streamVersion);
}

public static class DraftItemListEndpoint
{
    /// <summary>Drafts a new list version with its categories and items (credit office, inside its jurisdiction).</summary>
    [WolverinePost("/api/item-lists", Name = "DraftItemList")]
    public static async Task<Created<ItemListWritten>> Post(DraftItemList command, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var actor = user.ToActor();
        var id = ItemListDecisions.AuthorizeDraft(command.Jurisdiction, command.Version, actor);
        var current = await ItemListReads.CurrentAsync(session, id);
        var events = ItemListDecisions.Draft(command, current?.ToState(), actor, clock.GetCurrentInstant());
        var version = await StreamAppend.AppendAsync(session, id.StreamKey, current, events);
        return TypedResults.Created(ItemListReads.Location(id), ItemListWritten.For(id, version));
    }
}
