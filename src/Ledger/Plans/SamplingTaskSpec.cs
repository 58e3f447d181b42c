using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using NodaTime;

namespace FairDraw.Ledger.Plans;

/// <summary>How a task's pool is split into strata, each with its own ratio (the policy form of risk weighting).</summary>
public enum StratifyBy
{
    /// <summary>One stratum, labelled <see cref="SamplingTaskSpec.WholePoolStratum"/>.</summary>
    None,

    /// <summary>One stratum per credit risk class, labelled "A" … "D".</summary>
    RiskClass,

    /// <summary>One stratum per entity type, labelled by the type's English name ("Enterprise", …).</summary>
    EntityType,
}

/// <summary>
/// 定向抽查 filters: an entity is in the pool when it matches every non-empty filter (and any value within one).
/// All empty is an untargeted (不定向) draw over every existing entity of the item types in the jurisdiction.
/// </summary>
public sealed record TaskTargeting(
    IReadOnlyList<EntityType> Types,
    IReadOnlyList<string> Industries,
    IReadOnlyList<DivisionCode> Areas,
    IReadOnlyList<string> Tags,
    IReadOnlyList<RiskClass> RiskClasses)
{
    public static readonly TaskTargeting Untargeted = new([], [], [], [], []);

    /// <summary>The entity types of a pool: the items' object types, narrowed to the targeted types when it names any.</summary>
    public IReadOnlyList<EntityType> PoolTypes(IReadOnlyList<EntityType> itemObjectTypes) =>
        Types.Count == 0 ? itemObjectTypes : [.. itemObjectTypes.Intersect(Types).Order()];
}

/// <summary>The sampling ratio of one stratum as an exact fraction ("3/100"), and the expertise its inspectors need.</summary>
public sealed record StratumPlan(string Stratum, string Ratio, string? Expertise);

/// <summary>
/// 抽查任务: one task of an annual plan, everything a draw of it is frozen and committed from. Its id is
/// "{planId}-{code}"; the task's draws live in the stream <see cref="StreamKeys.Task"/> of that id.
/// </summary>
public sealed record SamplingTaskSpec(
    string Code,
    string Name,
    IReadOnlyList<string> ItemCodes,
    TaskTargeting Targeting,
    StratifyBy StratifyBy,
    IReadOnlyList<StratumPlan> Strata,
    int InspectorsPerEntity,
    int CapacityCap,
    bool ExcludeInspectedThisYear,
    string LeadDepartment,
    IReadOnlyList<string> PartnerDepartments,
    LocalDate Start,
    LocalDate End)
{
    public const string WholePoolStratum = "all";

    /// <summary>
    /// The department whose results an item's are in this task (谁检查、谁录入、谁公开, §二.九): a partner that is the item's
    /// responsible department, else the lead. Statistics count by it and joint-inspection checks compare a token's to it.
    /// </summary>
    public string DepartmentOf(string responsibleDepartment) =>
        PartnerDepartments.Contains(responsibleDepartment, StringComparer.Ordinal) ? responsibleDepartment : LeadDepartment;
}
