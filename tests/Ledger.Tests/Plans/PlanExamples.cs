using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Plans;
using NodaTime;

namespace FairDraw.Ledger.Tests.Plans;

/// <summary>The Given side of the plan tests: a published list, actors, a plan as submitted, its census and its events.</summary>
public static class PlanExamples
{
    public static readonly DivisionCode Guiyang = DivisionCode.Parse("520100");
    public static readonly DivisionCode Nanming = DivisionCode.Parse("520102");
    public static readonly Instant DraftedAt = Instant.FromUtc(2021, 3, 10, 9, 0);
    public static readonly Instant Now = Instant.FromUtc(2021, 3, 20, 9, 0);
    public static readonly Actor FoodDivision = new("food-division", Role.BusinessDivision, Guiyang);
    public static readonly Actor NanmingBureau = new("nanming-bureau", Role.DistrictBureau, Nanming);
    public static readonly Actor CityCreditOffice = new("credit-guiyang", Role.CreditOffice, Guiyang);
    public const string FoodPlanId = "2021-520100-SPSC";

    private static InspectionItem Item(string code, string name, ItemLevel level, params EntityType[] types) =>
        new(code, code[..2], name, types, ItemKind.General, [InspectionMethod.OnSite], "食品生产处", "《中华人民共和国食品安全法》（示例）", level);

    /// <summary>Guiyang's published 2021 list: two district-level items, one city-coordinated item and one retired item.</summary>
    public static ItemList List(bool published = true) => new(
        Guiyang,
        "2021版",
        "贵阳市市场监管系统随机抽查事项清单（2021版）",
        [new ItemCategory("01", "企业公示信息"), new ItemCategory("05", "食品生产"), new ItemCategory("09", "产品质量"), new ItemCategory("12", "广告")],
        [
            new ListedItem(Item("01-01", "企业年度报告公示信息的检查", ItemLevel.District, EntityType.Enterprise, EntityType.FarmerCooperative), ItemStatus.Active),
            new ListedItem(Item("05-01", "食品生产者生产条件的检查", ItemLevel.District, EntityType.Enterprise, EntityType.IndividualBusiness), ItemStatus.Active),
            new ListedItem(Item("09-01", "生产领域产品质量监督抽查", ItemLevel.CityCoordinated, EntityType.Enterprise), ItemStatus.Active),
            new ListedItem(Item("12-01", "广告发布登记事项的检查", ItemLevel.District, EntityType.Enterprise), ItemStatus.Retired),
        ],
        published ? Instant.FromUtc(2021, 3, 1, 9, 0) : null);

    /// <summary>A food production task stratified by risk class, with mixed labels.</summary>
    public static TaskInput FoodTask(string code = "T01") => new(
        code,
        "食品生产企业监督检查",
        ["05-01"],
        new TargetingInput(["企业"], null, null, null, null),
        "信用风险分类",
        [new StratumInput("D", "10/100", "食品"), new StratumInput("A", "1/100", null), new StratumInput("B", "2/100", ""), new StratumInput("C", "5/100", null)],
        2,
        20,
        true,
        "食品生产监督管理处",
        ["信用监管处"],
        "2021-04-01",
        "2021-11-05");

    /// <summary>An untargeted annual report task: one stratum for the whole pool.</summary>
    public static TaskInput DisclosureTask(string code = "T02") => new(
        code, "企业年报公示信息抽查", ["01-01"], null, "None", [new StratumInput("all", "1/100", null)], 2, 50, false, "信用监管处", null, "2021-05-01", "2021-10-31");

    public static DraftPlan Draft(params TaskInput[] tasks) =>
        new(2021, "520100", "SPSC", "食品生产监督管理处", new ItemListReference("520100", "2021版"), tasks.Length > 0 ? tasks : [FoodTask()]);

    /// <summary>N_h of the food task: 400 + 300 + 200 + 100 existing enterprises.</summary>
    public static readonly StratumCount[] FoodStrata = [new("A", 400), new("B", 300), new("C", 200), new("D", 100)];

    /// <summary>1000 existing enterprises: 3% is 30, which the food task reaches exactly (4 + 6 + 10 + 10).</summary>
    public static PlanCensus Census(long existing = 1000, params StratumCount[] food) =>
        new(1234, existing, new Dictionary<string, IReadOnlyList<StratumCount>> { ["T01"] = food.Length > 0 ? food : FoodStrata, ["T02"] = [new("all", 500)] });

    public static PlanContext Context(PlanCensus? census = null, ItemList? list = null) => PlanContext.Undrawn(list ?? List(), census ?? Census());

    public static PlanContext Drawn(params string[] codes) => new(List(), Census(), codes.ToHashSet());

    /// <summary>The food task as recorded: canonical targeting, strata sorted by label, ratios in shortest form.</summary>
    public static SamplingTaskSpec FoodSpec(string code = "T01") => new(
        code,
        "食品生产企业监督检查",
        ["05-01"],
        new TaskTargeting([EntityType.Enterprise], [], [], [], []),
        StratifyBy.RiskClass,
        [new StratumPlan("A", "1/100", null), new StratumPlan("B", "2/100", null), new StratumPlan("C", "5/100", null), new StratumPlan("D", "10/100", "食品")],
        2,
        20,
        true,
        "食品生产监督管理处",
        ["信用监管处"],
        new LocalDate(2021, 4, 1),
        new LocalDate(2021, 11, 5));

    public static SamplingTaskSpec DisclosureSpec(string code = "T02") => new(
        code, "企业年报公示信息抽查", ["01-01"], TaskTargeting.Untargeted, StratifyBy.None, [new StratumPlan("all", "1/100", null)], 2, 50, false,
        "信用监管处", [], new LocalDate(2021, 5, 1), new LocalDate(2021, 10, 31));

    /// <summary>The annual report task's basis: ceil(1% × 500) = 5.</summary>
    public static TaskBasis DisclosureBasis() =>
        new("T02", [EntityType.Enterprise, EntityType.FarmerCooperative], [new StratumBasis("all", "1/100", 500, 5)], 5);

    public static PlanBasis FoodBasis() => new(1234, 1000, 30, 30,
    [
        new TaskBasis("T01", [EntityType.Enterprise, EntityType.IndividualBusiness],
            [new StratumBasis("A", "1/100", 400, 4), new StratumBasis("B", "2/100", 300, 6), new StratumBasis("C", "5/100", 200, 10), new StratumBasis("D", "10/100", 100, 10)],
            30),
    ]);

    public static PlanDrafted Drafted() => new(
        FoodPlanId, 2021, Guiyang, "SPSC", "食品生产监督管理处", Guiyang, "2021版", [FoodSpec()], FoodBasis(), "food-division", DraftedAt);

    public static PlanFiled Filed(int filing = 1) => new(FoodPlanId, filing, "food-division", DraftedAt + Duration.FromDays(filing));

    public static PlanFilingAcknowledged Acknowledged(int filing = 1) => new(FoodPlanId, filing, Guiyang, "credit-guiyang", DraftedAt + Duration.FromDays(filing) + Duration.FromHours(2));

    public static PlanAdjusted Adjusted(int adjustment = 1) => new(
        FoodPlanId, adjustment, "增加年报抽查任务 / add the annual report task", "食品生产监督管理处", Guiyang, "2021版",
        [FoodSpec() with { Name = "食品生产企业监督检查（调整）" }], FoodBasis(), "food-division", DraftedAt + Duration.FromDays(30 * adjustment));

    /// <summary>The state after <paramref name="events"/>, folded as the projection folds them (null for none).</summary>
    public static Plan? Given(params object[] events) => events.Aggregate((Plan?)null, Plan.Evolve);
}
