using FairDraw.Ledger.Results;

namespace FairDraw.Ledger.FollowUps;

/// <summary>The follow-up kinds, their labels, and which kinds a result's outcome calls for (docs/events.md, "Follow-up stream").</summary>
public static class FollowUpKinds
{
    public static readonly IReadOnlyDictionary<FollowUpKind, string> Labels = new Dictionary<FollowUpKind, string>
    {
        [FollowUpKind.CorrectedOnSpot] = "当场责令改正",
        [FollowUpKind.AbnormalOperationsList] = "列入经营异常名录",
        [FollowUpKind.CaseReferral] = "移交案件线索",
        [FollowUpKind.TransferToAuthority] = "移送其他部门",
        [FollowUpKind.JudicialReferral] = "移送司法机关",
    };

    /// <summary>The kinds that pass the matter to another party: each needs a hand-over before it closes.</summary>
    public static bool HandsOver(FollowUpKind kind) =>
        kind is FollowUpKind.CaseReferral or FollowUpKind.TransferToAuthority or FollowUpKind.JudicialReferral;

    /// <summary>
    /// The kinds a result's outcome calls for. A problem corrected on order is corrected on the spot; the abnormal-operations
    /// list takes the grounds its rules name (undisclosed or false disclosures, unreachable at the address, serious
    /// non-cooperation); market-regulation breaches go to the case-handling department, other departments' breaches to
    /// that authority, and whatever may be a crime to the judiciary. Every other outcome calls for none.
    /// </summary>
    public static IReadOnlyList<FollowUpKind> For(ResultContent content) => content.Outcome switch
    {
        ResultOutcome.CorrectedOnOrder => [FollowUpKind.CorrectedOnSpot],
        ResultOutcome.SeriousNonCooperation =>
            [FollowUpKind.AbnormalOperationsList, FollowUpKind.CaseReferral, FollowUpKind.TransferToAuthority, FollowUpKind.JudicialReferral],
        ResultOutcome.FollowUpPending => content.SubReason switch
        {
            FollowUpReason.UndisclosedInformation or FollowUpReason.UnreachableAtAddress => [FollowUpKind.AbnormalOperationsList],
            FollowUpReason.FalseDisclosure => [FollowUpKind.AbnormalOperationsList, FollowUpKind.CaseReferral, FollowUpKind.JudicialReferral],
            FollowUpReason.OtherMarketRegulationBreach => [FollowUpKind.CaseReferral, FollowUpKind.JudicialReferral],
            FollowUpReason.OtherDepartmentBreach => [FollowUpKind.TransferToAuthority, FollowUpKind.JudicialReferral],
            _ => [],
        },
        _ => [],
    };

    /// <summary>The follow-up's id and the tail of its stream key: "{taskId}:{entityId}:{itemCode}:{kind}".</summary>
    public static string Id(string taskId, string entityId, string itemCode, FollowUpKind kind) => $"{taskId}:{entityId}:{itemCode}:{kind}";
}
