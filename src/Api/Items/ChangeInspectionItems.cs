using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Ledger.Items;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Items;

/// <summary>Changes to the items of a drafted or published list; each is an event that stays in the item's history.</summary>
public static class ChangeInspectionItemsEndpoints
{
    /// <summary>Adds an item to one of the list's categories.</summary>
    [WolverinePost("/api/item-lists/{jurisdiction}/{version}/items", Name = "AddInspectionItem")]
    public static async Task<Created<ItemListWritten>> PostItem(string jurisdiction, string version, ItemInput input, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var id = ItemListId.Parse(jurisdiction, version);
        var current = await ItemListReads.CurrentAsync(session, id);
        var events = ItemListDecisions.AddItem(input, current?.ToState(), user.ToActor(), clock.GetCurrentInstant());
        var written = ItemListWritten.For(id, await StreamAppend.AppendAsync(session, id.StreamKey, current, events));
        return TypedResults.Created($"{ItemListReads.Location(id)}/items/{input.Code?.Trim()}", written);
    }

    /// <summary>Replaces an active item by its new content (the whole item).</summary>
    [WolverinePut("/api/item-lists/{jurisdiction}/{version}/items/{code}", Name = "AmendInspectionItem")]
    public static async Task<ItemListWritten> PutItem(string jurisdiction, string version, string code, ItemInput input, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var id = ItemListId.Parse(jurisdiction, version);
        var current = await ItemListReads.CurrentAsync(session, id);
        var events = ItemListDecisions.AmendItem(code, input, current?.ToState(), user.ToActor(), clock.GetCurrentInstant());
        return ItemListWritten.For(id, await StreamAppend.AppendAsync(session, id.StreamKey, current, events));
    }

    /// <summary>Takes an active item out of force, with the reason.</summary>
    [WolverinePost("/api/item-lists/{jurisdiction}/{version}/items/{code}/retire", Name = "RetireInspectionItem")]
    public static async Task<ItemListWritten> PostRetirement(string jurisdiction, string version, string code, RetireInspectionItem command, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var id = ItemListId.Parse(jurisdiction, version);
        var current = await ItemListReads.CurrentAsync(session, id);
        var events = ItemListDecisions.RetireItem(code, command, current?.ToState(), user.ToActor(), clock.GetCurrentInstant());
        return ItemListWritten.For(id, await StreamAppend.AppendAsync(session, id.StreamKey, current, events));
    }
}
