using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Tests.Support;
using static FairDraw.Ledger.Tests.Plans.PlanExamples;

namespace FairDraw.Ledger.Tests.Plans;

public sealed class RevisingPlans
{
    private static RevisePlan Revision(params TaskInput[] tasks) =>
        new("食品生产监督管理处", new ItemListReference("520100", "2021版"), tasks.Length > 0 ? tasks : [FoodTask()]);

    [Fact]
    public void A_draft_is_revised_with_its_whole_content_and_a_new_basis()
    {
        var census = Census(1150);

        var revised = PlanDecisions.Revise(Revision(FoodTask(), DisclosureTask()), Given(Drafted()), Context(census), FoodDivision, Now);

        var expected = new PlanRevised(
            FoodPlanId, "食品生产监督管理处", Guiyang, "2021版",
            [FoodSpec(), DisclosureSpec()],
            new PlanBasis(1234, 1150, 35, 35, [FoodBasis().Tasks[0], DisclosureBasis()]),
            "food-division",
            Now);
        EventAssert.Equal([expected], revised);
    }

    [Fact]
    public void An_unchanged_revision_records_nothing() =>
        Assert.Empty(PlanDecisions.Revise(Revision(), Given(Drafted()), Context(), FoodDivision, Now));

    [Fact]
    public void A_filed_plan_is_not_revised_but_adjusted()
    {
        var command = Revision(FoodTask(), DisclosureTask());
        EventAssert.Fails(DomainErrorKind.Conflict, "status", () => PlanDecisions.Revise(command, Given(Drafted(), Filed()), Context(), FoodDivision, Now));
        EventAssert.Fails(DomainErrorKind.Conflict, "status", () => PlanDecisions.Revise(command, Given(Drafted(), Filed(), Adjusted()), Context(), FoodDivision, Now));
    }

    [Fact]
    public void Revising_an_unknown_plan_is_not_found() =>
        EventAssert.Fails(DomainErrorKind.NotFound, "planId", () => PlanDecisions.Revise(Revision(), Given(), Context(), FoodDivision, Now));

    [Fact]
    public void A_revision_is_validated_like_a_draft() =>
        EventAssert.Fails(DomainErrorKind.Invalid, "tasks[0].strata[0].ratio", () => PlanDecisions.Revise(
            Revision(FoodTask() with { Strata = [new StratumInput("A", "1:100", null)] }), Given(Drafted()), Context(), FoodDivision, Now));

    [Fact]
    public void A_district_bureau_does_not_revise_a_city_plan() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => PlanDecisions.Revise(Revision(), Given(Drafted()), Context(), NanmingBureau, Now));
}
