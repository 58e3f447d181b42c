namespace FairDraw.Ledger.Inspectors;

/// <summary>人员类别: who an inspector of the directory is.</summary>
public enum InspectorKind
{
    /// <summary>执法人员: enforcement staff of a market-supervision unit; holds an enforcement certificate.</summary>
    Staff,

    /// <summary>外部专家: an expert of a testing institute, research institute or industry, flagged as external.</summary>
    ExternalExpert,
}

/// <summary>人员状态</summary>
public enum InspectorStatus
{
    /// <summary>在岗: may be matched to inspections.</summary>
    Active,

    /// <summary>暂停: temporarily not matched (e.g. under investigation, long leave).</summary>
    Suspended,

    /// <summary>退出: retired or left for good; the record stays readable and no longer changes.</summary>
    Retired,
}

/// <summary>Chinese labels of the inspector directory's enumerations, as shown in user-facing text.</summary>
public static class InspectorLabels
{
    public static readonly IReadOnlyDictionary<InspectorKind, string> Kinds = new Dictionary<InspectorKind, string>
    {
        [InspectorKind.Staff] = "执法人员",
        [InspectorKind.ExternalExpert] = "外部专家",
    };

    public static readonly IReadOnlyDictionary<InspectorStatus, string> Statuses = new Dictionary<InspectorStatus, string>
    {
        [InspectorStatus.Active] = "在岗",
        [InspectorStatus.Suspended] = "暂停",
        [InspectorStatus.Retired] = "退出",
    };
}
