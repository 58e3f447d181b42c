using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Tests.Support;
using static FairDraw.Ledger.Tests.Plans.PlanExamples;

namespace FairDraw.Ledger.Tests.Plans;

public sealed class FoldingPlans
{
    [Fact]
    public void The_state_follows_every_event()
    {
        var state = Given(Drafted(), Filed(), Acknowledged(), Adjusted(), Filed(2));

        EventAssert.Same(
            new Plan(
                new PlanId(2021, Guiyang, "SPSC"),
                "食品生产监督管理处",
                new ItemListId(Guiyang, "2021版"),
                Adjusted().Tasks,
                FoodBasis(),
                PlanStatus.Filed,
                "food-division",
                DraftedAt,
                [
                    new PlanFiling(1, "food-division", Filed().FiledAt, Guiyang, "credit-guiyang", Acknowledged().AcknowledgedAt),
                    new PlanFiling(2, "food-division", Filed(2).FiledAt, null, null, null),
                ],
                [new PlanAdjustment(1, Adjusted().Reason, "food-division", Adjusted().AdjustedAt)]),
            state,
            "state");
    }

    [Fact]
    public void A_revision_replaces_the_content_of_the_draft()
    {
        var revised = new PlanRevised(FoodPlanId, "食品处", Guiyang, "2021版", [FoodSpec(), DisclosureSpec()], FoodBasis(), "food-division", Now);
        var state = Given(Drafted(), revised)!;
        Assert.Equal(("食品处", PlanStatus.Draft, 2), (state.DepartmentName, state.Status, state.Tasks.Count));
    }

    [Fact]
    public void A_task_is_drawable_only_while_its_plan_is_filed_as_it_stands()
    {
        Assert.False(Given(Drafted())!.Task("T01")!.PlanFiled);
        Assert.True(Given(Drafted(), Filed())!.Task("T01")!.PlanFiled);
        Assert.True(Given(Drafted(), Filed(), Acknowledged())!.Task("T01")!.PlanFiled);
        Assert.False(Given(Drafted(), Filed(), Acknowledged(), Adjusted())!.Task("T01")!.PlanFiled);
        Assert.True(Given(Drafted(), Filed(), Acknowledged(), Adjusted(), Filed(2))!.Task("T01")!.PlanFiled);
    }

    [Fact]
    public void A_planned_task_carries_its_plan_and_its_items_object_types()
    {
        var task = Given(Drafted(), Filed())!.Task("T01")!;

        Assert.Equal(("2021-520100-SPSC-T01", FoodPlanId, Guiyang, 2021), (task.TaskId, task.PlanId, task.Jurisdiction, task.Year));
        EventAssert.Same(FoodSpec(), task.Spec, "spec");
        Assert.Equal([EntityType.Enterprise, EntityType.IndividualBusiness], task.ItemObjectTypes);
        Assert.Equal([EntityType.Enterprise], task.PoolTypes);
        Assert.Null(Given(Drafted())!.Task("T09"));
    }

    [Fact]
    public void No_event_but_the_draft_starts_a_plan() =>
        Assert.Throws<InvalidOperationException>(() => Given(Filed()));
}
