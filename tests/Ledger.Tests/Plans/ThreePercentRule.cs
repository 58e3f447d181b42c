using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Tests.Support;
using static FairDraw.Ledger.Tests.Plans.PlanExamples;

namespace FairDraw.Ledger.Tests.Plans;

/// <summary>
/// 随机抽查企业比例不低于辖区存续企业的3% (seed §二.五): Σ tasks Σ strata ceil(ratio_h × N_h) ≥ ceil(3/100 × existing).
/// The food task's strata give ceil(1%·400) + ceil(2%·300) + ceil(5%·200) + ceil(10%·100) = 4 + 6 + 10 + 10 = 30.
/// </summary>
public sealed class ThreePercentRule
{
    private static PlanDrafted DraftWith(PlanCensus census, params TaskInput[] tasks) =>
        Assert.IsType<PlanDrafted>(Assert.Single(PlanDecisions.Draft(Draft(tasks), Given(), Context(census), FoodDivision, Now)));

    [Fact]
    public void Exactly_3_percent_passes()
    {
        var basis = DraftWith(Census(1000)).Basis;
        Assert.Equal((1234L, 1000L, 30L, 30L), (basis.AsOfSequence, basis.ExistingEnterprises, basis.RequiredSample, basis.ExpectedSample));
    }

    [Fact]
    public void One_enterprise_below_3_percent_fails_with_both_figures()
    {
        // D: ceil(10% × 90) = 9, so the plan samples 29 of the 30 required.
        var failure = EventAssert.Fails(DomainErrorKind.Invalid, "tasks", () => PlanDecisions.Draft(
            Draft(), Given(), Context(Census(1000, new("A", 400), new("B", 300), new("C", 200), new("D", 90))), FoodDivision, Now));

        Assert.Contains("29", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("1000", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("30", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_requirement_rounds_up_so_1001_existing_enterprises_need_31() =>
        EventAssert.Fails(DomainErrorKind.Invalid, "tasks", () => PlanDecisions.Draft(Draft(), Given(), Context(Census(1001)), FoodDivision, Now));

    [Fact]
    public void Each_stratum_rounds_up_on_its_own()
    {
        // ceil(1% × 1) = 1 in each of A–D: 4 sampled, where 3% of 100 existing enterprises is 3.
        var basis = DraftWith(Census(100, new("A", 1), new("B", 1), new("C", 1), new("D", 1))).Basis;
        Assert.Equal([1L, 1L, 1L, 1L], basis.Tasks[0].Strata.Select(s => s.Sample));
        Assert.Equal((3L, 4L), (basis.RequiredSample, basis.ExpectedSample));
    }

    [Fact]
    public void A_stratum_without_enterprises_samples_none()
    {
        var basis = DraftWith(Census(300, new("C", 200), new("D", 100))).Basis;
        Assert.Equal([0, 0, 200, 100], basis.Tasks[0].Strata.Select(s => s.Enterprises));
        Assert.Equal((9L, 20L), (basis.RequiredSample, basis.ExpectedSample));
    }

    [Fact]
    public void The_tasks_add_up()
    {
        // Food task 30 + annual report task ceil(1% × 500) = 5: 35 reaches ceil(3% × 1150) = 35, 1170 would need 36.
        var basis = DraftWith(Census(1150), FoodTask(), DisclosureTask()).Basis;
        Assert.Equal([30L, 5L], basis.Tasks.Select(t => t.Sample));
        Assert.Equal((35L, 35L), (basis.RequiredSample, basis.ExpectedSample));
        EventAssert.Fails(DomainErrorKind.Invalid, "tasks", () => PlanDecisions.Draft(Draft(FoodTask(), DisclosureTask()), Given(), Context(Census(1170)), FoodDivision, Now));
    }

    [Fact]
    public void A_jurisdiction_without_enterprises_requires_nothing() =>
        Assert.Equal(0L, DraftWith(Census(0, new StratumCount("A", 0))).Basis.RequiredSample);

    [Fact]
    public void Revisions_and_adjustments_are_held_to_the_rule_too()
    {
        var below = Context(Census(2000));
        EventAssert.Fails(DomainErrorKind.Invalid, "tasks", () => PlanDecisions.Revise(
            new RevisePlan("食品处", new ItemListReference("520100", "2021版"), [FoodTask()]), Given(Drafted()), below, FoodDivision, Now));
        EventAssert.Fails(DomainErrorKind.Invalid, "tasks", () => PlanDecisions.Adjust(
            new AdjustPlan("调整", "食品处", new ItemListReference("520100", "2021版"), [FoodTask()]), Given(Drafted(), Filed()), below, FoodDivision, Now));
    }
}
