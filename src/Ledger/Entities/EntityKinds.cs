namespace FairDraw.Ledger.Entities;

/// <summary>检查对象类型: the kinds of inspection object in the entity directory.</summary>
public enum EntityType
{
    /// <summary>企业</summary>
    Enterprise,

    /// <summary>农民专业合作社 (农专)</summary>
    FarmerCooperative,

    /// <summary>个体工商户</summary>
    IndividualBusiness,

    /// <summary>其他 (e.g. entities registered by other departments)</summary>
    Other,
}

/// <summary>登记状态</summary>
public enum EntityStatus
{
    /// <summary>存续: still existing; only these count towards the 3% base.</summary>
    Existing,

    /// <summary>注销</summary>
    Deregistered,

    /// <summary>吊销</summary>
    Revoked,

    /// <summary>迁出</summary>
    MovedOut,
}

/// <summary>信用风险分类: A is the lowest risk, D the highest.</summary>
public enum RiskClass
{
    A,
    B,
    C,
    D,
}

/// <summary>Chinese labels for the directory's enumerations, as shown in user-facing text and accepted in CSV files.</summary>
public static class EntityLabels
{
    public static readonly IReadOnlyDictionary<EntityType, string> Types = new Dictionary<EntityType, string>
    {
        [EntityType.Enterprise] = "企业",
        [EntityType.FarmerCooperative] = "农民专业合作社",
        [EntityType.IndividualBusiness] = "个体工商户",
        [EntityType.Other] = "其他",
    };

    public static readonly IReadOnlyDictionary<EntityStatus, string> Statuses = new Dictionary<EntityStatus, string>
    {
        [EntityStatus.Existing] = "存续",
        [EntityStatus.Deregistered] = "注销",
        [EntityStatus.Revoked] = "吊销",
        [EntityStatus.MovedOut] = "迁出",
    };
}
