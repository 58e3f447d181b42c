using FairDraw.Ledger.Entities;

namespace FairDraw.Ledger.Plans;

/// <summary>Where a plan stands in its filing (备案) cycle.</summary>
public enum PlanStatus
{
    /// <summary>草拟: not filed yet; revised freely.</summary>
    Draft,

    /// <summary>已报备案: filed upward, not acknowledged yet.</summary>
    Filed,

    /// <summary>已备案: the credit office above has acknowledged the current filing.</summary>
    Acknowledged,

    /// <summary>已调整待备案: adjusted after a filing; it must be filed again.</summary>
    Adjusted,
}

/// <summary>Chinese labels of the plan's enumerations, as shown in user-facing text and accepted in requests.</summary>
public static class PlanLabels
{
    public static readonly IReadOnlyDictionary<StratifyBy, string> StratifyBy = new Dictionary<StratifyBy, string>
    {
        [Plans.StratifyBy.None] = "不分层",
        [Plans.StratifyBy.RiskClass] = "信用风险分类",
        [Plans.StratifyBy.EntityType] = "主体类型",
    };

    public static readonly IReadOnlyDictionary<RiskClass, string> RiskClasses = new Dictionary<RiskClass, string>
    {
        [RiskClass.A] = "A类",
        [RiskClass.B] = "B类",
        [RiskClass.C] = "C类",
        [RiskClass.D] = "D类",
    };

    public static readonly IReadOnlyDictionary<PlanStatus, string> Statuses = new Dictionary<PlanStatus, string>
    {
        [PlanStatus.Draft] = "草拟",
        [PlanStatus.Filed] = "已报备案",
        [PlanStatus.Acknowledged] = "已备案",
        [PlanStatus.Adjusted] = "已调整待备案",
    };
}
