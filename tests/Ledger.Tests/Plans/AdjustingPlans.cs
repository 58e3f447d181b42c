using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Tests.Support;
using static FairDraw.Ledger.Tests.Plans.PlanExamples;

namespace FairDraw.Ledger.Tests.Plans;

public sealed class AdjustingPlans
{
    private const string Reason = "增加年报抽查任务 / add the annual report task";

    private static AdjustPlan Adjustment(params TaskInput[] tasks) =>
        new(Reason, "食品生产监督管理处", new ItemListReference("520100", "2021版"), tasks.Length > 0 ? tasks : [FoodTask(), DisclosureTask()]);

    private static readonly object[] FiledPlan = [Drafted(), Filed(), Acknowledged()];

    [Fact]
    public void A_filed_plan_is_adjusted_with_its_reason_and_must_be_filed_again()
    {
        var adjusted = Assert.IsType<PlanAdjusted>(Assert.Single(PlanDecisions.Adjust(Adjustment(), Given(FiledPlan), Context(Census(1150)), FoodDivision, Now)));

        Assert.Equal((FoodPlanId, 1, Reason, "food-division", Now), (adjusted.PlanId, adjusted.Adjustment, adjusted.Reason, adjusted.AdjustedBy, adjusted.AdjustedAt));
        Assert.Equal(["T01", "T02"], adjusted.Tasks.Select(t => t.Code));
        Assert.Equal((35L, 35L), (adjusted.Basis.RequiredSample, adjusted.Basis.ExpectedSample));
        var state = Given([.. FiledPlan, adjusted])!;
        Assert.Equal((PlanStatus.Adjusted, false), (state.Status, state.IsFiled));
        Assert.IsType<PlanFiled>(Assert.Single(PlanDecisions.File(state, FoodDivision, Now)));
    }

    [Fact]
    public void A_plan_filed_but_not_yet_acknowledged_may_be_adjusted() =>
        Assert.IsType<PlanAdjusted>(Assert.Single(PlanDecisions.Adjust(Adjustment(), Given(Drafted(), Filed()), Context(Census(1150)), FoodDivision, Now)));

    [Fact]
    public void The_second_adjustment_is_numbered_2() =>
        Assert.Equal(2, Assert.IsType<PlanAdjusted>(Assert.Single(PlanDecisions.Adjust(
            Adjustment(), Given([.. FiledPlan, Adjusted()]), Context(Census(1150)), FoodDivision, Now))).Adjustment);

    [Fact]
    public void A_draft_is_revised_not_adjusted() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "status", () => PlanDecisions.Adjust(Adjustment(), Given(Drafted()), Context(), FoodDivision, Now));

    [Fact]
    public void An_adjustment_needs_a_reason() =>
        EventAssert.Fails(DomainErrorKind.Invalid, "reason", () => PlanDecisions.Adjust(Adjustment() with { Reason = " " }, Given(FiledPlan), Context(), FoodDivision, Now));

    [Fact]
    public void An_adjustment_that_changes_nothing_is_refused() =>
        EventAssert.Fails(DomainErrorKind.Invalid, "", () => PlanDecisions.Adjust(Adjustment(FoodTask()), Given(FiledPlan), Context(), FoodDivision, Now));

    [Fact]
    public void A_drawn_task_cannot_be_removed_and_the_error_names_it()
    {
        var failure = EventAssert.Fails(DomainErrorKind.Conflict, "tasks", () => PlanDecisions.Adjust(
            Adjustment(DisclosureTask()), Given(FiledPlan), Drawn("T01"), FoodDivision, Now));
        Assert.Contains("2021-520100-SPSC-T01", failure.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ratio")]
    [InlineData("items")]
    [InlineData("stratification")]
    [InlineData("targeting")]
    [InlineData("expertise")]
    public void A_drawn_task_keeps_its_items_targeting_strata_and_ratios(string change)
    {
        var food = FoodTask();
        var changed = change switch
        {
            "ratio" => food with { Strata = [food.Strata![0] with { Ratio = "11/100" }, .. food.Strata.Skip(1)] },
            "items" => food with { ItemCodes = ["05-01", "01-01"] },
            "stratification" => food with { StratifyBy = "None", Strata = [new StratumInput("all", "1/10", null)] },
            "targeting" => food with { Targeting = new TargetingInput(["企业"], ["C1391"], null, null, null) },
            _ => food with { Strata = [food.Strata![0] with { Expertise = "特种设备" }, .. food.Strata.Skip(1)] },
        };

        var failure = EventAssert.Fails(DomainErrorKind.Conflict, "tasks[1]", () => PlanDecisions.Adjust(
            Adjustment(DisclosureTask(), changed), Given(FiledPlan), Drawn("T01"), FoodDivision, Now));
        Assert.Contains("2021-520100-SPSC-T01", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_drawn_task_may_change_its_name_schedule_and_departments()
    {
        var food = FoodTask() with { Name = "食品生产企业监督检查（延期）", End = "2021-11-30", PartnerDepartments = [], InspectorsPerEntity = 3 };
        var adjusted = Assert.IsType<PlanAdjusted>(Assert.Single(PlanDecisions.Adjust(Adjustment(food), Given(FiledPlan), Drawn("T01"), FoodDivision, Now)));
        Assert.Equal(new NodaTime.LocalDate(2021, 11, 30), adjusted.Tasks[0].End);
    }

    [Fact]
    public void An_undrawn_task_may_change_anything() =>
        Assert.IsType<PlanAdjusted>(Assert.Single(PlanDecisions.Adjust(
            Adjustment(FoodTask() with { Strata = [new("A", "2/100", null), new("B", "2/100", null), new("C", "5/100", null), new("D", "10/100", null)] }),
            Given(FiledPlan), Drawn("T02"), FoodDivision, Now)));

    [Fact]
    public void A_district_bureau_does_not_adjust_a_city_plan() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => PlanDecisions.Adjust(Adjustment(), Given(FiledPlan), Context(), NanmingBureau, Now));
}
