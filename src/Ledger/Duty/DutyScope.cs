using FairDraw.Ledger.Plans;

namespace FairDraw.Ledger.Duty;

/// <summary>
/// Whose duty a report judges: one department's plan of a year in a jurisdiction, and optionally one official within it
/// (docs/duty-report.md §2).
/// </summary>
public sealed record DutyScope(PlanId Plan, string? Official)
{
    public string PlanId => Plan.ToString();
}
