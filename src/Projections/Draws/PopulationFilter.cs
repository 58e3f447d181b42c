using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Plans;

namespace FairDraw.Projections.Draws;

/// <summary>
/// Which directory entities form a task's pool: existing (存续) entities of the given types registered inside the
/// jurisdiction that match every non-empty targeting filter, split into strata by <see cref="StratifyBy"/>.
/// </summary>
public sealed record PopulationFilter(
    DivisionCode Jurisdiction,
    IReadOnlyList<EntityType> Types,
    TaskTargeting Targeting,
    StratifyBy StratifyBy)
{
    public static PopulationFilter For(PlannedTask task) =>
        new(task.Jurisdiction, task.PoolTypes, task.Spec.Targeting, task.Spec.StratifyBy);

    /// <summary>The same filter narrowed to enterprises: what the 3% rule counts.</summary>
    public PopulationFilter EnterprisesOnly() =>
        this with { Types = Types.Contains(EntityType.Enterprise) ? [EntityType.Enterprise] : [] };
}
