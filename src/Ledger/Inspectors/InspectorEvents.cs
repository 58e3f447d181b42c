using FairDraw.Ledger.Access;
using NodaTime;

namespace FairDraw.Ledger.Inspectors;

// The event catalogue of one inspector stream (执法检查人员名录库). A shipped event is never edited: add a new type instead.
// Mirrored in docs/events.md.

/// <summary>
/// An inspector entered the directory. Staff carry an enforcement certificate and no institution; external experts
/// carry their institution and no certificate.
/// </summary>
public sealed record InspectorEnrolled(
    string InspectorId,
    string Name,
    InspectorKind Kind,
    string Institution,
    string Unit,
    DivisionCode Jurisdiction,
    EnforcementCertificate? Certificate,
    IReadOnlyList<string> Qualifications,
    IReadOnlyList<string> Expertise,
    string EnrolledBy,
    Instant EnrolledAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => EnrolledBy;

    Instant IAttributedEvent.OccurredAt => EnrolledAt;
}

/// <summary>A staff inspector's enforcement certificate was renewed; the event carries the certificate as it now is.</summary>
public sealed record CertificateRenewed(
    string InspectorId,
    EnforcementCertificate Certificate,
    string RenewedBy,
    Instant RenewedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => RenewedBy;

    Instant IAttributedEvent.OccurredAt => RenewedAt;
}

/// <summary>The qualifications and expertise tags changed; the event carries both as they now are.</summary>
public sealed record QualificationsUpdated(
    string InspectorId,
    IReadOnlyList<string> Qualifications,
    IReadOnlyList<string> Expertise,
    string UpdatedBy,
    Instant UpdatedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => UpdatedBy;

    Instant IAttributedEvent.OccurredAt => UpdatedAt;
}

/// <summary>The inspector moved to another unit and/or jurisdiction (调动).</summary>
public sealed record InspectorTransferred(
    string InspectorId,
    string Unit,
    DivisionCode Jurisdiction,
    string TransferredBy,
    Instant TransferredAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => TransferredBy;

    Instant IAttributedEvent.OccurredAt => TransferredAt;
}

/// <summary>The inspector may not be matched to inspections until reinstated.</summary>
public sealed record InspectorSuspended(
    string InspectorId,
    string Reason,
    string SuspendedBy,
    Instant SuspendedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => SuspendedBy;

    Instant IAttributedEvent.OccurredAt => SuspendedAt;
}

/// <summary>A suspended inspector is active again.</summary>
public sealed record InspectorReinstated(
    string InspectorId,
    string ReinstatedBy,
    Instant ReinstatedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => ReinstatedBy;

    Instant IAttributedEvent.OccurredAt => ReinstatedAt;
}

/// <summary>The inspector left the directory for good (retirement, resignation); the record stays readable.</summary>
public sealed record InspectorRetired(
    string InspectorId,
    string RetiredBy,
    Instant RetiredAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => RetiredBy;

    Instant IAttributedEvent.OccurredAt => RetiredAt;
}

/// <summary>The inspector has a conflict of interest with an entity and must be recused from inspecting it (回避).</summary>
public sealed record ConflictOfInterestDeclared(
    string InspectorId,
    string Uscc,
    string Reason,
    string DeclaredBy,
    Instant DeclaredAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => DeclaredBy;

    Instant IAttributedEvent.OccurredAt => DeclaredAt;
}

/// <summary>A declared conflict of interest no longer holds.</summary>
public sealed record ConflictOfInterestWithdrawn(
    string InspectorId,
    string Uscc,
    string WithdrawnBy,
    Instant WithdrawnAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => WithdrawnBy;

    Instant IAttributedEvent.OccurredAt => WithdrawnAt;
}
