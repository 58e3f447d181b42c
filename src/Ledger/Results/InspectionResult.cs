namespace FairDraw.Ledger.Results;

/// <summary>Where a result stands in approval (审批).</summary>
public enum ResultStatus
{
    /// <summary>Recorded, awaiting approval.</summary>
    Recorded,

    /// <summary>Returned with a reason, awaiting an inspector's correction.</summary>
    Returned,

    /// <summary>Corrected (after a return or not), awaiting approval.</summary>
    Corrected,

    /// <summary>Approved: no further approval, return or correction.</summary>
    Approved,

    /// <summary>Approved and published (公示): readable by anyone, closed to every further write.</summary>
    Published,

    /// <summary>Approved, filed for exemption from publication (不予公示), awaiting the credit office.</summary>
    ExemptionFiled,

    /// <summary>Exempt from publication, acknowledged by the credit office: handled, never public, closed to every write.</summary>
    Exempted,
}

/// <summary>
/// One result folded from its stream: as first recorded, every correction since, every return, its approval and its
/// publication.
/// </summary>
public sealed record InspectionResult(
    InspectionResultRecorded Recorded,
    IReadOnlyList<InspectionResultCorrected> Corrections,
    IReadOnlyList<InspectionResultReturned> Returns,
    InspectionResultApproved? Approval,
    InspectionResultPublished? Publication = null,
    PublicationExemptionFiled? Exemption = null,
    PublicationExemptionAcknowledged? ExemptionAcknowledgement = null,
    IReadOnlyList<PublicationExemptionDeclined>? ExemptionsDeclined = null)
{
    public ResultContent Content => Corrections.Count == 0 ? Recorded.Content : Corrections[^1].Content;

    public bool Overdue => Corrections.Count == 0 ? Recorded.Overdue : Corrections[^1].Overdue;

    /// <summary>The one place a result's status is derived: a return stands until a correction follows it.</summary>
    public ResultStatus Status =>
        Publication is not null ? ResultStatus.Published
        : ExemptionAcknowledgement is not null ? ResultStatus.Exempted
        : Exemption is not null ? ResultStatus.ExemptionFiled
        : Approval is not null ? ResultStatus.Approved
        : Returns.Count > 0 && Returns[^1].Corrections == Corrections.Count ? ResultStatus.Returned
        : Corrections.Count > 0 ? ResultStatus.Corrected
        : ResultStatus.Recorded;

    /// <summary>Whoever recorded, corrected or was named present on the result: none of them may approve or return it.</summary>
    public bool Involves(string userId) =>
        Recorded.RecordedBy == userId || Recorded.Content.Inspectors.Contains(userId)
        || Corrections.Any(correction => correction.CorrectedBy == userId || correction.Content.Inspectors.Contains(userId));

    public static InspectionResult? Evolve(InspectionResult? state, object data) => data switch
    {
        InspectionResultRecorded recorded => new InspectionResult(recorded, [], [], null),
        InspectionResultCorrected corrected when state is not null => state with { Corrections = [.. state.Corrections, corrected] },
        InspectionResultReturned returned when state is not null => state with { Returns = [.. state.Returns, returned] },
        InspectionResultApproved approved when state is not null => state with { Approval = approved },
        InspectionResultPublished published when state is not null => state with { Publication = published },
        PublicationExemptionFiled filed when state is not null => state with { Exemption = filed },
        PublicationExemptionAcknowledged acknowledged when state is not null => state with { ExemptionAcknowledgement = acknowledged },
        // A declined filing leaves the result approved; the declines stay on the record.
        PublicationExemptionDeclined declined when state is not null =>
            state with { Exemption = null, ExemptionsDeclined = [.. state.ExemptionsDeclined ?? [], declined] },
        _ => state,
    };
}
