using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Plans;

namespace FairDraw.Projections.Draws;

/// <summary>
/// Which directory entities form a task's pool: existing (存续) entities of the given types registered inside the
/// jurisdiction that match every non-empty targeting filter, split into strata by <see cref="StratifyBy"/>.
/// <see cref="Admits"/> and <see cref="StratumOf"/> state the rule; <see cref="EntityPoolReader"/> applies it in SQL
/// and a property test holds the SQL to them (docs/draw-protocol.md §13).
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

    /// <summary>
    /// Whether <paramref name="entity"/> is in the pool: it meets every one of <see cref="Criteria"/>. The targeting's
    /// own types are not read here: they are already in <see cref="Types"/> (<see cref="PlannedTask.PoolTypes"/>).
    /// </summary>
    public bool Admits(MarketEntity entity) => Criteria(entity).All(criterion => criterion.Met);

    /// <summary>
    /// Each condition of the pool, named by the directory field it reads, with that field's value and whether
    /// <paramref name="entity"/> meets it (the anomaly view names the ones a directory change crossed).
    /// </summary>
    public IReadOnlyList<PoolCriterion> Criteria(MarketEntity entity)
    {
        var (industries, areas, tags) = (Targeting.Industries, Targeting.Areas, Targeting.Tags);
        var (place, risks) = (entity.Jurisdiction, Targeting.RiskClasses);
        var ordinal = StringComparer.Ordinal;
        return
        [
            new("status", entity.Status.ToString(), entity.Status == EntityStatus.Existing),
            new("type", entity.Type.ToString(), Types.Contains(entity.Type)),
            new("jurisdiction", place.Value,
                Jurisdiction.Covers(place) && (areas.Count == 0 || areas.Any(area => area.Covers(place)))),
            new("industry", entity.Industry, industries.Count == 0 || industries.Contains(entity.Industry, ordinal)),
            new("tags", string.Join(',', entity.Tags), tags.Count == 0 || tags.Intersect(entity.Tags, ordinal).Any()),
            new("riskClass", entity.RiskClass.ToString(), risks.Count == 0 || risks.Contains(entity.RiskClass)),
        ];
    }

    /// <summary>The stratum an admitted entity falls in: its risk class, its type's English name, or the whole pool.</summary>
    public string StratumOf(MarketEntity entity) => StratifyBy switch
    {
        StratifyBy.RiskClass => entity.RiskClass.ToString(),
        StratifyBy.EntityType => entity.Type.ToString(),
        _ => SamplingTaskSpec.WholePoolStratum,
    };
}

/// <summary>One condition of a pool's filter: the field it reads, the entity's value of it, whether it is met.</summary>
public sealed record PoolCriterion(string Field, string Value, bool Met);
