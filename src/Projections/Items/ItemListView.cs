using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Items;
using FairDraw.Projections.Storage;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using NodaTime;

namespace FairDraw.Projections.Items;

/// <summary>One item of a list as it now stands, with whether it is still in force.</summary>
public sealed class ItemView
{
    public string Code { get; set; } = "";

    public string CategoryCode { get; set; } = "";

    public string Name { get; set; } = "";

    public EntityType[] ObjectTypes { get; set; } = [];

    public ItemKind Kind { get; set; }

    public InspectionMethod[] Methods { get; set; } = [];

    public string ResponsibleDepartment { get; set; } = "";

    public string LegalBasis { get; set; } = "";

    public ItemLevel Level { get; set; }

    public ItemStatus Status { get; set; }

    public InspectionItem ToItem() => new(Code, CategoryCode, Name, ObjectTypes, Kind, Methods, ResponsibleDepartment, LegalBasis, Level);
}

/// <summary>The current content of one item list version (随机抽查事项清单), one document per list, keyed by its stream key.</summary>
public sealed class ItemListView : IStreamVersion
{
    /// <summary>The stream key, "item-list:{jurisdiction}:{version}".</summary>
    public string Id { get; set; } = "";

    public string Jurisdiction { get; set; } = "";

    /// <summary>The list's version label, e.g. "2021版".</summary>
    public string Version { get; set; } = "";

    public string Title { get; set; } = "";

    public bool Published { get; set; }

    public Instant? PublishedAt { get; set; }

    /// <summary>The version of the stream this document reflects (what a writer expects when it appends).</summary>
    public long StreamVersion { get; set; }

    public ItemCategory[] Categories { get; set; } = [];

    public ItemView[] Items { get; set; } = [];

    public static ItemListView From(ItemList state, long streamVersion) => new()
    {
        Id = StreamKeys.ItemList(state.Jurisdiction.Value, state.Version),
        Jurisdiction = state.Jurisdiction.Value,
        Version = state.Version,
        Title = state.Title,
        Published = state.IsPublished,
        PublishedAt = state.PublishedAt,
        StreamVersion = streamVersion,
        Categories = [.. state.Categories],
        Items = [.. state.Items.Select(x => new ItemView
        {
            Code = x.Item.Code,
            CategoryCode = x.Item.CategoryCode,
            Name = x.Item.Name,
            ObjectTypes = [.. x.Item.ObjectTypes],
            Kind = x.Item.Kind,
            Methods = [.. x.Item.Methods],
            ResponsibleDepartment = x.Item.ResponsibleDepartment,
            LegalBasis = x.Item.LegalBasis,
            Level = x.Item.Level,
            Status = x.Status,
        })],
    };

    /// <summary>
    /// The document after <paramref name="streamEvents"/> (the stream's next events) on <paramref name="current"/>: how
    /// the projection keeps it, and how a past state of the list is replayed from its first events.
    /// </summary>
    public static ItemListView Project(ItemListView? current, IEnumerable<IEvent> streamEvents)
    {
        var state = current?.ToState();
        var version = current?.StreamVersion ?? 0;
        foreach (var e in streamEvents.OrderBy(e => e.Version))
        {
            state = ItemList.Evolve(state, e.Data);
            version = e.Version;
        }

        return From(state ?? throw new InvalidOperationException("a list stream without events"), version);
    }

    public ItemList ToState() => new(
        DivisionCode.Parse(Jurisdiction),
        Version,
        Title,
        Categories,
        [.. Items.Select(x => new ListedItem(x.ToItem(), x.Status))],
        PublishedAt);
}

/// <summary>
/// Keeps <see cref="ItemListView"/> current by folding each list stream's new events onto its document with the
/// domain's own <see cref="ItemList.Evolve"/>. Deterministic: everything comes from the events.
/// </summary>
public sealed class ItemListViewProjection : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var streams = events
            .Where(e => e.StreamKey is not null && e.StreamKey.StartsWith(StreamKeys.ItemListPrefix, StringComparison.Ordinal))
            .GroupBy(e => e.StreamKey!)
            .ToList();
        if (streams.Count == 0)
        {
            return;
        }

        var current = (await operations.LoadManyAsync<ItemListView>(cancellation, [.. streams.Select(s => s.Key)])).ToDictionary(v => v.Id);
        foreach (var stream in streams)
        {
            var view = current.GetValueOrDefault(stream.Key);
            if (!ConcurrentAppends.Overtaken(view?.StreamVersion, stream))
            {
                operations.Store(ItemListView.Project(view, stream));
            }
        }
    }
}
