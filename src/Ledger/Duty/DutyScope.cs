using FairDraw.Ledger.Access;

namespace FairDraw.Ledger.Duty;

/// <summary>
/// Whose duty a report judges: one department's plan of a year in a jurisdiction (its id
/// <c>{year}-{jurisdiction}-{department}</c>), and optionally one official within it (docs/duty-report.md §2).
/// </summary>
public sealed record DutyScope(int Year, DivisionCode Jurisdiction, string Department, string? Official)
{
    public string PlanId => $"{Year}-{Jurisdiction.Value}-{Department}";

    public string PlanStream => "plan:" + PlanId;

    public static string ItemListStream(string jurisdiction, string version) => $"item-list:{jurisdiction}:{version}";

    public static string TaskStream(string taskId) => "task:" + taskId;

    public static string ResultStream(string taskId, string entityId, string itemCode) => $"result:{taskId}:{entityId}:{itemCode}";

    public static string FollowUpStream(string followUpId) => "follow-up:" + followUpId;
}
