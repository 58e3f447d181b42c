using System.Security.Claims;
using FairDraw.Api.Reads;
using FairDraw.Ledger;
using FairDraw.Ledger.Items;
using FairDraw.Projections.Items;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Items;

/// <summary>A list without its items, for the list of lists.</summary>
public sealed record ItemListSummary(
    string Jurisdiction,
    string Version,
    string Title,
    bool Published,
    Instant? PublishedAt,
    int Categories,
    int Items,
    int ActiveItems)
{
    public static ItemListSummary From(ItemListView list) => new(
        list.Jurisdiction,
        list.Version,
        list.Title,
        list.Published,
        list.PublishedAt,
        list.Categories.Length,
        list.Items.Length,
        list.Items.Count(i => i.Status == ItemStatus.Active));
}

/// <summary>Reads of the item lists: published lists are public (一公开), drafts need a token.</summary>
public static class ItemListReads
{
    public static Task<ItemListView?> CurrentAsync(IQuerySession session, ItemListId id) => session.LoadAsync<ItemListView>(id.StreamKey);

    public static string Location(ItemListId id) => $"/api/item-lists/{id.Jurisdiction}/{Uri.EscapeDataString(id.Version)}";

    /// <summary>Every list (only published ones without a token), optionally of one jurisdiction.</summary>
    [AllowAnonymous]
    [WolverineGet("/api/item-lists", Name = "ListItemLists")]
    public static async Task<IReadOnlyList<ItemListSummary>> List(string? jurisdiction, ClaimsPrincipal user, IQuerySession session)
    {
        IQueryable<ItemListView> query = session.Query<ItemListView>();
        if (!IsAuthenticated(user))
        {
            query = query.Where(x => x.Published);
        }

        if (jurisdiction is not null)
        {
            query = query.Where(x => x.Jurisdiction == jurisdiction);
        }

        var lists = await query.OrderBy(x => x.Jurisdiction).ThenBy(x => x.Version).ToListAsync();
        return [.. lists.Select(ItemListSummary.From)];
    }

    /// <summary>
    /// One list with its categories and items, now or as it stood at a past instant (<c>asOf</c>) or ledger position
    /// (<c>asOfPosition</c>); a list that is (or was then) a draft answers 401 without a token.
    /// </summary>
    [AllowAnonymous]
    [ProducesResponseType<ItemListView>(StatusCodes.Status200OK)]
    [WolverineGet("/api/item-lists/{jurisdiction}/{version}", Name = "GetItemList")]
    public static async Task<IResult> Get(string jurisdiction, string version, string? asOf, long? asOfPosition, ClaimsPrincipal user, IQuerySession session)
    {
        var id = ItemListId.Parse(jurisdiction, version);
        var list = AsOf.Moment(asOf, asOfPosition) is { } moment ? await PastAsync(session, id, moment) : await CurrentAsync(session, id);
        if (list is null)
        {
            throw DomainException.NotFound("version", $"没有事项清单{jurisdiction}:{version}（或当时尚未起草） / no item list {jurisdiction}:{version} (or none drafted by then)");
        }

        return list.Published || IsAuthenticated(user) ? Results.Ok(list) : Results.Challenge();
    }

    /// <summary>The list replayed from its stream's events up to <paramref name="moment"/>; null when none had happened.</summary>
    private static async Task<ItemListView?> PastAsync(IQuerySession session, ItemListId id, PastMoment moment)
    {
        var events = (await session.Events.FetchStreamAsync(id.StreamKey)).Where(moment.Holds).ToList();
        return events.Count == 0 ? null : ItemListView.Project(null, events);
    }

    /// <summary>The events that concern one item: the draft that contained it, its addition, amendments and retirement.</summary>
    [WolverineGet("/api/item-lists/{jurisdiction}/{version}/items/{code}/history", Name = "InspectionItemHistory")]
    public static async Task<IReadOnlyList<HistoryEntry>> GetItemHistory(string jurisdiction, string version, string code, IQuerySession session)
    {
        var entries = await History.ReadAsync(session, ItemListId.Parse(jurisdiction, version).StreamKey, e => Concerns(e, code));
        return entries.Count > 0
            ? entries
            : throw DomainException.NotFound("code", $"清单中没有事项{code} / the list has no item {code}");
    }

    private static bool IsAuthenticated(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true;

    private static bool Concerns(object @event, string code) => @event switch
    {
        ItemListDrafted drafted => drafted.Items.Any(i => i.Code == code),
        InspectionItemAdded added => added.Item.Code == code,
        InspectionItemAmended amended => amended.Item.Code == code,
        InspectionItemRetired retired => retired.Code == code,
        _ => false,
    };
}
