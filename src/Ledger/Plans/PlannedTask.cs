using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;

namespace FairDraw.Ledger.Plans;

/// <summary>
/// A task as its plan states it, with what a draw needs to know about the plan: the plan's jurisdiction and year,
/// whether it has been filed (备案; a task is drawn only under a filed plan), and the entity types its items apply to.
/// </summary>
public sealed record PlannedTask(
    string TaskId,
    string PlanId,
    DivisionCode Jurisdiction,
    int Year,
    bool PlanFiled,
    SamplingTaskSpec Spec,
    IReadOnlyList<EntityType> ItemObjectTypes)
{
    /// <summary>The entity types the pool holds: the items' object types, narrowed by the targeting filter when it names types.</summary>
    public IReadOnlyList<EntityType> PoolTypes => Spec.Targeting.PoolTypes(ItemObjectTypes);
}
