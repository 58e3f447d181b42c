using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Ledger.Items;
using FairDraw.Projections.Storage;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Items;

public static class PublishItemListEndpoint
{
    /// <summary>Publishes a drafted list (公开); from then on anyone may read it.</summary>
    [WolverinePost("/api/item-lists/{jurisdiction}/{version}/publish", Name = "PublishItemList")]
    public static async Task<ItemListWritten> Post(string jurisdiction, string version, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var id = ItemListId.Parse(jurisdiction, version);
        var current = await ItemListReads.CurrentAsync(session, id);
        var events = ItemListDecisions.Publish(current?.ToState(), user.ToActor(), clock.GetCurrentInstant());
        return ItemListWritten.For(id, await StreamAppend.AppendAsync(session, id.StreamKey, current, events));
    }
}
