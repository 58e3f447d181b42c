namespace FairDraw.Ledger.Items;

/// <summary>事项类别: whether an item is a priority of the year's plans.</summary>
public enum ItemKind
{
    /// <summary>重点检查事项</summary>
    Key,

    /// <summary>一般检查事项</summary>
    General,
}

/// <summary>检查方式 (seed §二.六.3).</summary>
public enum InspectionMethod
{
    /// <summary>实地核查</summary>
    OnSite,

    /// <summary>书面检查</summary>
    Written,

    /// <summary>网络监测</summary>
    OnlineMonitoring,

    /// <summary>委托检验检测/审计: a qualified institution tests, audits or investigates on the bureau's behalf.</summary>
    Delegated,
}

/// <summary>Which level plans an item (seed §二.五): city-coordinated items are not re-planned by districts.</summary>
public enum ItemLevel
{
    /// <summary>市级统筹</summary>
    CityCoordinated,

    /// <summary>区县</summary>
    District,
}

/// <summary>Whether an item of a list is still in force.</summary>
public enum ItemStatus
{
    /// <summary>有效</summary>
    Active,

    /// <summary>已停用</summary>
    Retired,
}

/// <summary>Chinese labels for the item list's enumerations, as shown in user-facing text and accepted in CSV files.</summary>
public static class ItemLabels
{
    public static readonly IReadOnlyDictionary<ItemKind, string> Kinds = new Dictionary<ItemKind, string>
    {
        [ItemKind.Key] = "重点",
        [ItemKind.General] = "一般",
    };

    public static readonly IReadOnlyDictionary<InspectionMethod, string> Methods = new Dictionary<InspectionMethod, string>
    {
        [InspectionMethod.OnSite] = "实地核查",
        [InspectionMethod.Written] = "书面检查",
        [InspectionMethod.OnlineMonitoring] = "网络监测",
        [InspectionMethod.Delegated] = "委托检验检测/审计",
    };

    public static readonly IReadOnlyDictionary<ItemLevel, string> Levels = new Dictionary<ItemLevel, string>
    {
        [ItemLevel.CityCoordinated] = "市级统筹",
        [ItemLevel.District] = "区县",
    };
}
