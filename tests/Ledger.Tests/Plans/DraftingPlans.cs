using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Tests.Support;
using static FairDraw.Ledger.Tests.Plans.PlanExamples;

namespace FairDraw.Ledger.Tests.Plans;

public sealed class DraftingPlans
{
    [Fact]
    public void Drafting_records_the_canonical_content_and_the_3_percent_basis() =>
        EventAssert.Equal([Drafted()], PlanDecisions.Draft(Draft(), Given(), Context(), FoodDivision, DraftedAt));

    [Fact]
    public void A_district_bureau_drafts_its_own_plan_with_targeting_inside_its_district()
    {
        var task = DisclosureTask() with
        {
            Targeting = new TargetingInput(["FarmerCooperative", "企业", "企业"], ["F5211", "C1391"], ["520102"], ["食品经营", "小微"], ["C类", "D"]),
            StratifyBy = "EntityType",
            Strata = [new StratumInput("FarmerCooperative", "1/50", null), new StratumInput("Enterprise", "1/10", null)],
        };
        var census = new PlanCensus(77, 100, new Dictionary<string, IReadOnlyList<StratumCount>> { ["T02"] = [new("Enterprise", 30)] });

        var drafted = Assert.IsType<PlanDrafted>(Assert.Single(PlanDecisions.Draft(
            Draft(task) with { Jurisdiction = "520102", Department = "NM01" }, Given(), Context(census), NanmingBureau, Now)));

        Assert.Equal(("2021-520102-NM01", "nanming-bureau"), (drafted.PlanId, drafted.DraftedBy));
        var spec = Assert.Single(drafted.Tasks);
        EventAssert.Same(
            new TaskTargeting([EntityType.Enterprise, EntityType.FarmerCooperative], ["C1391", "F5211"], [Nanming], ["小微", "食品经营"], [RiskClass.C, RiskClass.D]),
            spec.Targeting,
            "targeting");
        Assert.Equal(["Enterprise", "FarmerCooperative"], spec.Strata.Select(s => s.Stratum));
        Assert.Equal(new PlanBasis(77, 100, 3, 3, drafted.Basis.Tasks), drafted.Basis);
        EventAssert.Same(
            new TaskBasis("T02", [EntityType.Enterprise, EntityType.FarmerCooperative], [new StratumBasis("Enterprise", "1/10", 30, 3), new StratumBasis("FarmerCooperative", "1/50", 0, 0)], 3),
            Assert.Single(drafted.Basis.Tasks),
            "basis");
    }

    [Fact]
    public void Drafting_an_existing_plan_is_a_conflict() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "department", () => PlanDecisions.Draft(Draft(), Given(Drafted()), Context(), FoodDivision, Now));

    [Theory]
    [InlineData(Role.CreditOffice)]
    [InlineData(Role.Registrar)]
    [InlineData(Role.Auditor)]
    [InlineData(Role.Inspector)]
    public void Only_business_divisions_and_district_bureaus_draft(Role role) =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => PlanDecisions.Draft(Draft(), Given(), Context(), FoodDivision with { Role = role }, Now));

    [Theory]
    [InlineData("520102", "520100")]
    [InlineData("520103", "520102")]
    public void A_planner_drafts_only_inside_its_jurisdiction(string actorJurisdiction, string planJurisdiction) =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => PlanDecisions.Draft(
            Draft() with { Jurisdiction = planJurisdiction }, Given(), Context(), NanmingBureau with { Jurisdiction = DivisionCode.Parse(actorJurisdiction) }, Now));

    [Fact]
    public void A_city_division_may_plan_for_one_of_its_districts()
    {
        var drafted = Assert.IsType<PlanDrafted>(Assert.Single(PlanDecisions.Draft(
            Draft() with { Jurisdiction = "520102" }, Given(), Context(), FoodDivision, Now)));
        Assert.Equal(Nanming, drafted.Jurisdiction);
    }

    [Fact]
    public void A_district_plan_may_not_include_a_city_coordinated_item_and_the_error_names_it()
    {
        var task = FoodTask() with { ItemCodes = ["05-01", "09-01"] };

        var failure = EventAssert.Fails(DomainErrorKind.Invalid, "tasks[0].itemCodes[1]", () => PlanDecisions.Draft(
            Draft(task) with { Jurisdiction = "520102" }, Given(), Context(), NanmingBureau, Now));

        Assert.Contains("09-01", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("生产领域产品质量监督抽查", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("市级统筹", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_city_plan_includes_city_coordinated_items()
    {
        var drafted = Assert.IsType<PlanDrafted>(Assert.Single(PlanDecisions.Draft(
            Draft(FoodTask() with { ItemCodes = ["09-01", "05-01"] }), Given(), Context(), FoodDivision, Now)));
        Assert.Equal(["05-01", "09-01"], drafted.Tasks[0].ItemCodes);
    }
}
