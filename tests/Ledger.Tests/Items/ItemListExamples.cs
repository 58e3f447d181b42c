using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Items;
using NodaTime;

namespace FairDraw.Ledger.Tests.Items;

/// <summary>The Given side of the item list tests: actors, instants, a small list as submitted and as recorded.</summary>
public static class ItemListExamples
{
    public static readonly DivisionCode Guiyang = DivisionCode.Parse("520100");
    public static readonly Instant DraftedAt = Instant.FromUtc(2021, 3, 1, 9, 0);
    public static readonly Instant Now = Instant.FromUtc(2021, 4, 1, 9, 0);
    public static readonly Actor CreditOffice = new("credit-guiyang", Role.CreditOffice, Guiyang);

    public static CategoryInput[] Categories() => [new("01", "企业公示信息"), new("05", "食品生产")];

    /// <summary>Object types and methods mix English names and Chinese labels, out of order, with a duplicate.</summary>
    public static ItemInput Disclosure() => new(
        "01-01", "01", "企业年度报告公示情况的检查", ["农民专业合作社", "Enterprise", "企业"], "重点", ["网络监测", "Written"],
        "信用监管处", "《企业信息公示暂行条例》第十四条", "CityCoordinated");

    public static ItemInput FoodProduction() => new(
        "05-01", "05", "食品生产者生产条件的检查", ["企业"], "General", ["实地核查"], "食品生产处", "《中华人民共和国食品安全法》第一百一十条（示例）", "区县");

    public static DraftItemList Draft(params ItemInput[] items) =>
        new("520100", "2021版", "贵阳市市场监管系统随机抽查事项清单（2021版）", Categories(), items.Length > 0 ? items : [Disclosure(), FoodProduction()]);

    public static InspectionItem DisclosureItem() => new(
        "01-01", "01", "企业年度报告公示情况的检查", [EntityType.Enterprise, EntityType.FarmerCooperative], ItemKind.Key,
        [InspectionMethod.Written, InspectionMethod.OnlineMonitoring], "信用监管处", "《企业信息公示暂行条例》第十四条", ItemLevel.CityCoordinated);

    public static InspectionItem FoodProductionItem() => new(
        "05-01", "05", "食品生产者生产条件的检查", [EntityType.Enterprise], ItemKind.General, [InspectionMethod.OnSite],
        "食品生产处", "《中华人民共和国食品安全法》第一百一十条（示例）", ItemLevel.District);

    public static ItemListDrafted Drafted() => new(
        Guiyang, "2021版", "贵阳市市场监管系统随机抽查事项清单（2021版）",
        [new ItemCategory("01", "企业公示信息"), new ItemCategory("05", "食品生产")],
        [DisclosureItem(), FoodProductionItem()], "credit-guiyang", DraftedAt);

    public static ItemListPublished Published() => new(Guiyang, "2021版", "credit-guiyang", DraftedAt + Duration.FromDays(7));

    public static InspectionItemRetired Retired(string code) => new(Guiyang, "2021版", code, "省清单已删除 / dropped by the province", "credit-guiyang", DraftedAt + Duration.FromDays(8));

    /// <summary>The state after <paramref name="events"/>, folded as the projection folds them (null for none).</summary>
    public static ItemList? Given(params object[] events) => events.Aggregate((ItemList?)null, ItemList.Evolve);
}
