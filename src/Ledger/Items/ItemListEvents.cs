using FairDraw.Ledger.Access;
using NodaTime;

namespace FairDraw.Ledger.Items;

// The event catalogue of one item list stream (随机抽查事项清单, one stream per jurisdiction and version).
// A shipped event is never edited: add a new type instead. Mirrored in docs/events.md.

/// <summary>A list version was drafted with all its categories and items (by form or by file import).</summary>
public sealed record ItemListDrafted(
    DivisionCode Jurisdiction,
    string Version,
    string Title,
    IReadOnlyList<ItemCategory> Categories,
    IReadOnlyList<InspectionItem> Items,
    string DraftedBy,
    Instant DraftedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => DraftedBy;

    Instant IAttributedEvent.OccurredAt => DraftedAt;
}

/// <summary>The list was published (公开): from now on it is public and plans are made against it.</summary>
public sealed record ItemListPublished(
    DivisionCode Jurisdiction,
    string Version,
    string PublishedBy,
    Instant PublishedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => PublishedBy;

    Instant IAttributedEvent.OccurredAt => PublishedAt;
}

/// <summary>An item was added to an existing list (draft or published).</summary>
public sealed record InspectionItemAdded(
    DivisionCode Jurisdiction,
    string Version,
    InspectionItem Item,
    string AddedBy,
    Instant AddedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => AddedBy;

    Instant IAttributedEvent.OccurredAt => AddedAt;
}

/// <summary>An item changed; the event carries the whole item as it now is.</summary>
public sealed record InspectionItemAmended(
    DivisionCode Jurisdiction,
    string Version,
    InspectionItem Item,
    string AmendedBy,
    Instant AmendedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => AmendedBy;

    Instant IAttributedEvent.OccurredAt => AmendedAt;
}

/// <summary>An item was taken out of force (停用) with a reason; it stays in the list's history.</summary>
public sealed record InspectionItemRetired(
    DivisionCode Jurisdiction,
    string Version,
    string Code,
    string Reason,
    string RetiredBy,
    Instant RetiredAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => RetiredBy;

    Instant IAttributedEvent.OccurredAt => RetiredAt;
}
