using FairDraw.Ledger.Items;
using NodaTime;

namespace FairDraw.Ledger.Results;

// The event catalogue of one inspection result (stream "result:{taskId}:{entityId}:{itemCode}"): recorded once, then
// corrected by new events that keep what came before. A shipped event is never edited. Mirrored in docs/events.md.

/// <summary>An evidence file by reference: its SHA-256 (lowercase hex) and size in bytes. The file itself is stored later.</summary>
public sealed record EvidenceAttachment(string Sha256, long Size);

/// <summary>What an inspection found, as recorded or as corrected.</summary>
public sealed record ResultContent(
    InspectionMethod Method,
    LocalDate InspectionDate,
    IReadOnlyList<string> Inspectors,
    ResultOutcome Outcome,
    FollowUpReason? SubReason,
    string Findings,
    IReadOnlyList<EvidenceAttachment> Attachments);

/// <summary>
/// An assigned inspector recorded the result of one item at one sampled object. <c>DueBy</c> is the task's end date
/// then; an inspection after it is <c>Overdue</c>.
/// </summary>
public sealed record InspectionResultRecorded(
    string TaskId,
    int Round,
    string EntityId,
    string ItemCode,
    ResultContent Content,
    LocalDate DueBy,
    bool Overdue,
    string RecordedBy,
    Instant RecordedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => RecordedBy;

    Instant IAttributedEvent.OccurredAt => RecordedAt;
}

/// <summary>An assigned inspector corrected a result with a reason: the content as it now is; earlier events stay.</summary>
public sealed record InspectionResultCorrected(
    string TaskId,
    int Round,
    string EntityId,
    string ItemCode,
    int Correction,
    ResultContent Content,
    LocalDate DueBy,
    bool Overdue,
    string Reason,
    string CorrectedBy,
    Instant CorrectedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => CorrectedBy;

    Instant IAttributedEvent.OccurredAt => CorrectedAt;
}

/// <summary>
/// An official of the task's department and jurisdiction, not one of the result's inspectors, approved it (审批) as it
/// stood after <c>Corrections</c> corrections. An approved result takes no further approval, return or correction.
/// </summary>
public sealed record InspectionResultApproved(
    string TaskId, string EntityId, string ItemCode, int Corrections, string ApprovedBy, Instant ApprovedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => ApprovedBy;

    Instant IAttributedEvent.OccurredAt => ApprovedAt;
}

/// <summary>
/// Such an official returned the result, as it stood after <c>Corrections</c> corrections, with a reason: an assigned
/// inspector corrects it, and it awaits approval again.
/// </summary>
public sealed record InspectionResultReturned(
    string TaskId, string EntityId, string ItemCode, int Corrections, string Reason, string ReturnedBy, Instant ReturnedAt)
    : IAttributedEvent
{
    string IAttributedEvent.Actor => ReturnedBy;

    Instant IAttributedEvent.OccurredAt => ReturnedAt;
}

/// <summary>
/// The task's division or bureau published an approved result (公示): from now on anyone may read it. <c>Deadline</c> is
/// the inspection date plus 20 working days; a publication on a later (Beijing) date is allowed and <c>Late</c>, by <c>WorkingDaysLate</c> working days.
/// </summary>
public sealed record InspectionResultPublished(
    string TaskId,
    string EntityId,
    string ItemCode,
    LocalDate InspectionDate,
    LocalDate Deadline,
    LocalDate PublishedOn,
    bool Late,
    int WorkingDaysLate,
    string PublishedBy,
    Instant PublishedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => PublishedBy;

    Instant IAttributedEvent.OccurredAt => PublishedAt;
}

/// <summary>
/// The task's division or bureau filed an approved, unpublished result for exemption from publication (不予公示) on a
/// lawful ground, with its explanation; until the credit office acknowledges it, the result is neither public nor exempt.
/// </summary>
public sealed record PublicationExemptionFiled(
    string TaskId, string EntityId, string ItemCode, ExemptionGround Ground, string Reason, string FiledBy, Instant FiledAt)
    : IAttributedEvent
{
    string IAttributedEvent.Actor => FiledBy;

    Instant IAttributedEvent.OccurredAt => FiledAt;
}

/// <summary>
/// The credit office covering the task's jurisdiction acknowledged the filed exemption: the result is exempt (handled,
/// never public) and takes no further write.
/// </summary>
public sealed record PublicationExemptionAcknowledged(
    string TaskId, string EntityId, string ItemCode, string AcknowledgedBy, Instant AcknowledgedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => AcknowledgedBy;

    Instant IAttributedEvent.OccurredAt => AcknowledgedAt;
}

/// <summary>
/// The credit office declined the filed exemption with a reason: the result is approved again and must be published
/// (its deadline never moved).
/// </summary>
public sealed record PublicationExemptionDeclined(
    string TaskId, string EntityId, string ItemCode, string Reason, string DeclinedBy, Instant DeclinedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => DeclinedBy;

    Instant IAttributedEvent.OccurredAt => DeclinedAt;
}
