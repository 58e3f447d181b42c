namespace FairDraw.Ledger.Results;

/// <summary>检查结果: the outcome categories used on provincial platforms (domain brief, "Result outcome categories").</summary>
public enum ResultOutcome
{
    NoProblemFound,
    CorrectedOnOrder,
    FollowUpPending,
    NoActivityCovered,
    ClosedOrLiquidating,
    SeriousNonCooperation,
    Deregistered,
    LicenceRevoked,
    RegistrationCancelled,
    MovedOut,
}

/// <summary>Why a problem found awaits follow-up (the sub-reasons of 发现问题待后续处理).</summary>
public enum FollowUpReason
{
    UndisclosedInformation,
    FalseDisclosure,
    UnreachableAtAddress,
    OtherMarketRegulationBreach,
    OtherDepartmentBreach,
}

/// <summary>Why a result is not published (不予公示, §二.七): the lawful grounds an exemption may name.</summary>
public enum ExemptionGround
{
    StateSecret,
    TradeSecret,
    PersonalPrivacy,
    OtherLawfulReason,
}

/// <summary>The closed lists of outcomes and sub-reasons, with the labels a request may use instead of the names.</summary>
public static class ResultOutcomes
{
    public static readonly IReadOnlyDictionary<ResultOutcome, string> Outcomes = new Dictionary<ResultOutcome, string>
    {
        [ResultOutcome.NoProblemFound] = "未发现问题",
        [ResultOutcome.CorrectedOnOrder] = "发现问题已责令改正",
        [ResultOutcome.FollowUpPending] = "发现问题待后续处理",
        [ResultOutcome.NoActivityCovered] = "未发现开展本次抽查涉及的经营活动",
        [ResultOutcome.ClosedOrLiquidating] = "已关闭停业或正在组织清算",
        [ResultOutcome.SeriousNonCooperation] = "不配合检查情节严重",
        [ResultOutcome.Deregistered] = "注销",
        [ResultOutcome.LicenceRevoked] = "被吊销",
        [ResultOutcome.RegistrationCancelled] = "被撤销",
        [ResultOutcome.MovedOut] = "迁出",
    };

    public static readonly IReadOnlyDictionary<FollowUpReason, string> FollowUpReasons = new Dictionary<FollowUpReason, string>
    {
        [FollowUpReason.UndisclosedInformation] = "未按规定公示应当公示的信息",
        [FollowUpReason.FalseDisclosure] = "公示信息隐瞒真实情况弄虚作假",
        [FollowUpReason.UnreachableAtAddress] = "通过登记的住所（经营场所）无法联系",
        [FollowUpReason.OtherMarketRegulationBreach] = "违反其他市场监管规定",
        [FollowUpReason.OtherDepartmentBreach] = "违反其他部门规定",
    };

    public static readonly IReadOnlyDictionary<ExemptionGround, string> ExemptionGrounds = new Dictionary<ExemptionGround, string>
    {
        [ExemptionGround.StateSecret] = "涉及国家秘密",
        [ExemptionGround.TradeSecret] = "涉及商业秘密",
        [ExemptionGround.PersonalPrivacy] = "涉及个人隐私",
        [ExemptionGround.OtherLawfulReason] = "其他依法不予公示的情形",
    };
}
