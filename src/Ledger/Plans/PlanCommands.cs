namespace FairDraw.Ledger.Plans;

// Commands of the annual plan as submitted (API body): raw values, validated by the decisions so that every error
// names its field by JSON path, e.g. "tasks[1].strata[0].ratio". Enumerations accept the English name or the Chinese label.

/// <summary>The published item list a plan plans against.</summary>
public sealed record ItemListReference(string? Jurisdiction, string? Version);

/// <summary>定向抽查 filters as submitted; all empty (or absent) is an untargeted draw.</summary>
public sealed record TargetingInput(
    IReadOnlyList<string>? Types,
    IReadOnlyList<string>? Industries,
    IReadOnlyList<string>? Areas,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<string>? RiskClasses);

/// <summary>One stratum's ratio as an exact fraction ("3/100") and, optionally, the expertise its inspectors need.</summary>
public sealed record StratumInput(string? Stratum, string? Ratio, string? Expertise);

/// <summary>One sampling task as submitted. Dates are ISO (yyyy-MM-dd).</summary>
public sealed record TaskInput(
    string? Code,
    string? Name,
    IReadOnlyList<string>? ItemCodes,
    TargetingInput? Targeting,
    string? StratifyBy,
    IReadOnlyList<StratumInput>? Strata,
    int? InspectorsPerEntity,
    int? CapacityCap,
    bool? ExcludeInspectedThisYear,
    string? LeadDepartment,
    IReadOnlyList<string>? PartnerDepartments,
    string? Start,
    string? End);

/// <summary>What a plan says, whichever command submits it: the department's name, the list, the tasks.</summary>
public sealed record PlanContentInput(string? DepartmentName, ItemListReference? ItemList, IReadOnlyList<TaskInput>? Tasks);

/// <summary>A department drafts its annual plan for a jurisdiction (编制年度抽查计划).</summary>
public sealed record DraftPlan(
    int? Year,
    string? Jurisdiction,
    string? Department,
    string? DepartmentName,
    ItemListReference? ItemList,
    IReadOnlyList<TaskInput>? Tasks)
{
    public PlanContentInput ToContent() => new(DepartmentName, ItemList, Tasks);
}

/// <summary>Replaces the content of a plan that has not been filed yet.</summary>
public sealed record RevisePlan(string? DepartmentName, ItemListReference? ItemList, IReadOnlyList<TaskInput>? Tasks)
{
    public PlanContentInput ToContent() => new(DepartmentName, ItemList, Tasks);
}

/// <summary>Adjusts a filed plan (调整), with the reason; the adjusted plan is filed again.</summary>
public sealed record AdjustPlan(string? Reason, string? DepartmentName, ItemListReference? ItemList, IReadOnlyList<TaskInput>? Tasks)
{
    public PlanContentInput ToContent() => new(DepartmentName, ItemList, Tasks);
}
