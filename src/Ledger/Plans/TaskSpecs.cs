namespace FairDraw.Ledger.Plans;

/// <summary>Structural comparisons of task specs (record equality compares their lists by reference).</summary>
public static class TaskSpecs
{
    /// <summary>True when both specs say the same in every member.</summary>
    public static bool Same(SamplingTaskSpec left, SamplingTaskSpec right) =>
        SameDraw(left, right) && left.Name == right.Name && left.InspectorsPerEntity == right.InspectorsPerEntity
        && left.CapacityCap == right.CapacityCap && left.ExcludeInspectedThisYear == right.ExcludeInspectedThisYear
        && left.LeadDepartment == right.LeadDepartment && left.PartnerDepartments.SequenceEqual(right.PartnerDepartments)
        && left.Start == right.Start && left.End == right.End;

    /// <summary>
    /// True when both specs draw the same sample: same code, items, targeting, stratification and strata (labels,
    /// ratios, expertise). A drawn task may change in nothing else but these.
    /// </summary>
    public static bool SameDraw(SamplingTaskSpec left, SamplingTaskSpec right) =>
        left.Code == right.Code && left.ItemCodes.SequenceEqual(right.ItemCodes) && SameTargeting(left.Targeting, right.Targeting)
        && left.StratifyBy == right.StratifyBy && left.Strata.SequenceEqual(right.Strata);

    private static bool SameTargeting(TaskTargeting left, TaskTargeting right) =>
        left.Types.SequenceEqual(right.Types) && left.Industries.SequenceEqual(right.Industries) && left.Areas.SequenceEqual(right.Areas)
        && left.Tags.SequenceEqual(right.Tags) && left.RiskClasses.SequenceEqual(right.RiskClasses);
}
