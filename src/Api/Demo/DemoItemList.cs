using FairDraw.Api.Csv;
using FairDraw.Api.Items;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Items;
using FairDraw.Projections.Storage;
using Marten;
using NodaTime;

namespace FairDraw.Api.Demo;

/// <summary>
/// Loads the demo item list: Guiyang's 2021 list (贵阳市市场监管系统随机抽查事项清单（2021版）, 30 categories, 91 items),
/// imported from the shipped CSV file and published, through the same parsing and decisions as the API.
/// </summary>
public static class DemoItemList
{
    public const string Jurisdiction = "520100";
    public const string Version = "2021版";
    public const string Title = "贵阳市市场监管系统随机抽查事项清单（2021版）";

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "Demo", "item-list-2021.csv");

    /// <summary>Imports and publishes the list unless it exists; returns the number of items loaded (0 when it existed).</summary>
    public static async Task<int> LoadAsync(IDocumentStore store, IClock clock)
    {
        var actor = new Actor("demo-loader", Role.CreditOffice, DivisionCode.Parse(Jurisdiction));
        var id = ItemListDecisions.AuthorizeDraft(Jurisdiction, Version, actor);
        await using var session = store.LightweightSession();
        if (await ItemListReads.CurrentAsync(session, id) is not null)
        {
            return 0;
        }

        var now = clock.GetCurrentInstant();
        await using var file = new UploadedFile(File.OpenRead(FilePath), Path.GetFileName(FilePath));
        var drafted = await ImportItemListEndpoint.DecideAsync(session, id, Title, file, actor, now);
        var published = ItemListDecisions.Publish(drafted.Aggregate((ItemList?)null, ItemList.Evolve), actor, now);
        await StreamAppend.AppendAsync(session, id.StreamKey, read: null, [.. drafted, .. published]);
        return drafted.OfType<ItemListDrafted>().Sum(d => d.Items.Count);
    }
}
