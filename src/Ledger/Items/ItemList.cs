using FairDraw.Ledger.Access;
using NodaTime;

namespace FairDraw.Ledger.Items;

/// <summary>An item of a list with whether it is still in force.</summary>
public sealed record ListedItem(InspectionItem Item, ItemStatus Status);

/// <summary>The state of one version of an item list, folded from its stream. Items keep the order they entered in.</summary>
public sealed record ItemList(
    DivisionCode Jurisdiction,
    string Version,
    string Title,
    IReadOnlyList<ItemCategory> Categories,
    IReadOnlyList<ListedItem> Items,
    Instant? PublishedAt)
{
    public bool IsPublished => PublishedAt is not null;

    public ListedItem? Find(string code) => Items.FirstOrDefault(x => x.Item.Code == code);

    public static ItemList Create(ItemListDrafted e) =>
        new(e.Jurisdiction, e.Version, e.Title, e.Categories, [.. e.Items.Select(item => new ListedItem(item, ItemStatus.Active))], null);

    public ItemList Apply(ItemListPublished e) => this with { PublishedAt = e.PublishedAt };

    public ItemList Apply(InspectionItemAdded e) => this with { Items = [.. Items, new ListedItem(e.Item, ItemStatus.Active)] };

    public ItemList Apply(InspectionItemAmended e) =>
        this with { Items = [.. Items.Select(x => x.Item.Code == e.Item.Code ? x with { Item = e.Item } : x)] };

    public ItemList Apply(InspectionItemRetired e) =>
        this with { Items = [.. Items.Select(x => x.Item.Code == e.Code ? x with { Status = ItemStatus.Retired } : x)] };

    /// <summary>Folds any item list event onto a state (null before the draft).</summary>
    public static ItemList Evolve(ItemList? state, object @event) => (state, @event) switch
    {
        (null, ItemListDrafted e) => Create(e),
        (not null, ItemListPublished e) => state.Apply(e),
        (not null, InspectionItemAdded e) => state.Apply(e),
        (not null, InspectionItemAmended e) => state.Apply(e),
        (not null, InspectionItemRetired e) => state.Apply(e),
        _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot apply to item list state {(state is null ? "before the draft" : $"{state.Jurisdiction}:{state.Version}")}"),
    };
}
