using FairDraw.Ledger.Access;
using NodaTime;

namespace FairDraw.Ledger.Items;

/// <summary>
/// The pure decisions of the item list: command + state + actor + now → events, or a <see cref="DomainException"/>.
/// Only the credit supervision office (信用监管处) writes lists, inside its jurisdiction. A published list still
/// changes by added, amended and retired items, each an event that stays visible.
/// </summary>
public static class ItemListDecisions
{
    /// <summary>Checks the actor may draft a list for the given jurisdiction and version, and returns the list's id.</summary>
    public static ItemListId AuthorizeDraft(string? jurisdiction, string? version, Actor actor)
    {
        actor.RequireRole("起草事项清单 / draft item lists", Role.CreditOffice);
        var id = ItemListId.Parse(jurisdiction, version);
        actor.RequireJurisdiction(id.Jurisdiction);
        return id;
    }

    /// <summary>Drafts a new list version with all its content; fails with 409 when that version exists.</summary>
    public static IReadOnlyList<object> Draft(DraftItemList command, ItemList? state, Actor actor, Instant now)
    {
        var id = AuthorizeDraft(command.Jurisdiction, command.Version, actor);
        if (state is not null)
        {
            throw DomainException.Conflict("version", $"事项清单{id}已存在 / item list {id} already exists");
        }

        var title = Text.Required(command.Title, "title", 200);
        var content = ItemListContent.Validate(command.Categories, command.Items);
        return content.Problems is [var first, ..]
            ? throw DomainException.Invalid(first.Path, first.Reason)
            : [new ItemListDrafted(id.Jurisdiction, id.Version, title, content.Categories, content.Items, actor.Id, now)];
    }

    /// <summary>Publishes a draft that has at least one active item; a list is published once.</summary>
    public static IReadOnlyList<object> Publish(ItemList? state, Actor actor, Instant now)
    {
        var list = Writable(state, actor, "发布事项清单 / publish item lists");
        if (list.PublishedAt is { } publishedAt)
        {
            throw DomainException.Conflict("version", $"清单已于{publishedAt}发布，不能重复发布 / the list was published at {publishedAt} and cannot be published again");
        }

        return list.Items.Any(x => x.Status == ItemStatus.Active)
            ? [new ItemListPublished(list.Jurisdiction, list.Version, actor.Id, now)]
            : throw DomainException.Conflict("items", "清单没有有效事项，不能发布 / a list without active items cannot be published");
    }

    /// <summary>Adds an item in one of the list's categories; its code must be new to the list (retired ones included).</summary>
    public static IReadOnlyList<object> AddItem(ItemInput input, ItemList? state, Actor actor, Instant now)
    {
        var list = Writable(state, actor, "增加抽查事项 / add inspection items");
        var item = ItemValidation.Item(input, CategoryCodes(list));
        return list.Find(item.Code) is null
            ? [new InspectionItemAdded(list.Jurisdiction, list.Version, item, actor.Id, now)]
            : throw DomainException.Conflict("code", $"事项编码{item.Code}已在清单中（含已停用事项） / item {item.Code} is already in the list (retired items included)");
    }

    /// <summary>Replaces an active item by its new content; returns nothing when the content is unchanged.</summary>
    public static IReadOnlyList<object> AmendItem(string code, ItemInput input, ItemList? state, Actor actor, Instant now)
    {
        var list = Writable(state, actor, "修改抽查事项 / amend inspection items");
        var listed = Active(list, code, "已停用的事项不能修改 / a retired item cannot be amended");
        var item = ItemValidation.Item(string.IsNullOrWhiteSpace(input.Code) ? input with { Code = code } : input, CategoryCodes(list));
        if (item.Code != code)
        {
            throw DomainException.Invalid("code", $"请求中的事项编码“{item.Code}”与地址中的“{code}”不一致 / the body's code '{item.Code}' differs from '{code}' in the address");
        }

        return item.SameAs(listed.Item) ? [] : [new InspectionItemAmended(list.Jurisdiction, list.Version, item, actor.Id, now)];
    }

    /// <summary>Takes an active item out of force with a reason.</summary>
    public static IReadOnlyList<object> RetireItem(string code, RetireInspectionItem command, ItemList? state, Actor actor, Instant now)
    {
        var list = Writable(state, actor, "停用抽查事项 / retire inspection items");
        Active(list, code, "事项已停用 / the item is already retired");
        var reason = Text.Required(command.Reason, "reason", 500, multiline: true);
        return [new InspectionItemRetired(list.Jurisdiction, list.Version, code, reason, actor.Id, now)];
    }

    private static ItemList Writable(ItemList? state, Actor actor, string action)
    {
        var list = state ?? throw DomainException.NotFound("version", "没有该版本的事项清单 / no such item list version");
        actor.RequireRole(action, Role.CreditOffice);
        actor.RequireJurisdiction(list.Jurisdiction);
        return list;
    }

    private static ListedItem Active(ItemList list, string code, string retiredReason)
    {
        var listed = list.Find(code) ?? throw DomainException.NotFound("code", $"清单中没有事项{code} / the list has no item {code}");
        return listed.Status == ItemStatus.Active ? listed : throw DomainException.Conflict("code", retiredReason);
    }

    private static HashSet<string> CategoryCodes(ItemList list) => list.Categories.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
}
