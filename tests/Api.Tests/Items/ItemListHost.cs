using System.Net;
using Alba;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Items;
using FairDraw.Projections.Items;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Items;

public sealed class ItemListHost() : LedgerHost("test_items")
{
    public const string Guiyang = "520100";
    public const string Version = "2021版";
    public static readonly string ListUrl = $"/api/item-lists/{Guiyang}/{Uri.EscapeDataString(Version)}";

    public string CreditOffice(string jurisdiction = Guiyang) => Token(Role.CreditOffice, jurisdiction, "credit-" + jurisdiction);

    /// <summary>A small list as JSON: two categories, two items.</summary>
    public static DraftItemList SmallDraft() => new(
        Guiyang,
        Version,
        "贵阳市市场监管系统随机抽查事项清单（2021版）",
        [new CategoryInput("01", "企业公示信息"), new CategoryInput("09", "产品质量")],
        [
            new ItemInput("01-01", "01", "企业年度报告公示信息的检查", ["企业"], "一般", ["书面检查", "网络监测"], "信用监管处", "《企业信息公示暂行条例》第十四条", "区县"),
            new ItemInput("09-01", "09", "生产领域产品质量监督抽查", ["Enterprise"], "Key", ["Delegated"], "产品质量安全监督管理处", "《中华人民共和国产品质量法》第十五条", "CityCoordinated"),
        ]);

    public async Task DraftAsync(DraftItemList draft)
    {
        await Host.Scenario(s =>
        {
            s.Post.Json(draft).ToUrl("/api/item-lists");
            s.As(CreditOffice());
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        });
    }

    public async Task PublishAsync()
    {
        await Host.Scenario(s =>
        {
            s.Post.Url(ListUrl + "/publish");
            s.As(CreditOffice());
            s.StatusCodeShouldBeOk();
        });
    }

    public async Task<ItemListView?> ViewAsync()
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<ItemListView>(ItemListId.Parse(Guiyang, Version).StreamKey);
    }

    public async Task<IReadOnlyList<object>> EventsAsync()
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return [.. (await session.Events.FetchStreamAsync(ItemListId.Parse(Guiyang, Version).StreamKey)).Select(e => e.Data)];
    }
}

public static class ItemListScenarios
{
    /// <summary>Sends to the import endpoint for Guiyang's 2021 list (Alba takes the query apart from the address).</summary>
    public static SendExpression ToImportUrl(this SendExpression send) => send
        .ToUrl("/api/item-lists/import")
        .QueryString("jurisdiction", ItemListHost.Guiyang)
        .QueryString("version", ItemListHost.Version)
        .QueryString("title", "贵阳市市场监管系统随机抽查事项清单（2021版）");
}

[CollectionDefinition(nameof(ItemListCollection))]
public sealed class ItemListCollection : ICollectionFixture<ItemListHost>;
