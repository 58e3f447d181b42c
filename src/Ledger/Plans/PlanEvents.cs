using FairDraw.Ledger.Access;
using NodaTime;

namespace FairDraw.Ledger.Plans;

// The event catalogue of one annual plan stream (年度抽查计划, "plan:{year}-{jurisdiction}-{department}"). A plan is
// drafted and revised, filed upward (备案) and acknowledged, then adjusted only with a reason and filed again.
// Content events carry the whole content and the 3% basis it was checked against. A shipped event is never edited:
// add a new type instead. Mirrored in docs/events.md.

/// <summary>A department drafted its annual plan: the whole content and its 3% basis.</summary>
public sealed record PlanDrafted(
    string PlanId,
    int Year,
    DivisionCode Jurisdiction,
    string Department,
    string DepartmentName,
    DivisionCode ItemListJurisdiction,
    string ItemListVersion,
    IReadOnlyList<SamplingTaskSpec> Tasks,
    PlanBasis Basis,
    string DraftedBy,
    Instant DraftedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => DraftedBy;

    Instant IAttributedEvent.OccurredAt => DraftedAt;
}

/// <summary>A draft (never filed) plan was revised: its whole content as it now is, and the new basis.</summary>
public sealed record PlanRevised(
    string PlanId,
    string DepartmentName,
    DivisionCode ItemListJurisdiction,
    string ItemListVersion,
    IReadOnlyList<SamplingTaskSpec> Tasks,
    PlanBasis Basis,
    string RevisedBy,
    Instant RevisedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => RevisedBy;

    Instant IAttributedEvent.OccurredAt => RevisedAt;
}

/// <summary>The plan as it now stands was filed upward (报上级备案); <see cref="Filing"/> counts the filings from 1.</summary>
public sealed record PlanFiled(
    string PlanId,
    int Filing,
    string FiledBy,
    Instant FiledAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => FiledBy;

    Instant IAttributedEvent.OccurredAt => FiledAt;
}

/// <summary>The credit office of <see cref="Office"/> (covering the plan's jurisdiction) acknowledged filing number <see cref="Filing"/>.</summary>
public sealed record PlanFilingAcknowledged(
    string PlanId,
    int Filing,
    DivisionCode Office,
    string AcknowledgedBy,
    Instant AcknowledgedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => AcknowledgedBy;

    Instant IAttributedEvent.OccurredAt => AcknowledgedAt;
}

/// <summary>
/// A filed plan was adjusted (调整) with a reason: its whole content as it now is and the new basis. The plan must be
/// filed again; tasks already drawn keep their items, targeting and strata.
/// </summary>
public sealed record PlanAdjusted(
    string PlanId,
    int Adjustment,
    string Reason,
    string DepartmentName,
    DivisionCode ItemListJurisdiction,
    string ItemListVersion,
    IReadOnlyList<SamplingTaskSpec> Tasks,
    PlanBasis Basis,
    string AdjustedBy,
    Instant AdjustedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => AdjustedBy;

    Instant IAttributedEvent.OccurredAt => AdjustedAt;
}
