using NodaTime;

namespace FairDraw.Ledger.FollowUps;

// The event catalogue of one follow-up (后续处置, §二.八; stream "follow-up:{taskId}:{entityId}:{itemCode}:{kind}"):
// opened for a result whose outcome needs it, handed over to the party that acts on it, and closed with its outcome.
// A shipped event is never edited. Mirrored in docs/events.md.

/// <summary>What is done about a problem an inspection found (§二.八).</summary>
public enum FollowUpKind
{
    /// <summary>当场责令改正: corrected on the spot, on order.</summary>
    CorrectedOnSpot,

    /// <summary>列入经营异常名录: listed in the abnormal-operations list.</summary>
    AbnormalOperationsList,

    /// <summary>移交案件线索: a case lead handed to the case-handling department.</summary>
    CaseReferral,

    /// <summary>移送其他部门: transferred to another authority, which the opening names.</summary>
    TransferToAuthority,

    /// <summary>移送司法机关: referred to the judiciary.</summary>
    JudicialReferral,
}

/// <summary>
/// The task's department opened a follow-up of one kind for a result. <c>Authority</c> names the other authority of a
/// <see cref="FollowUpKind.TransferToAuthority"/> and is null for the other kinds.
/// </summary>
public sealed record FollowUpOpened(
    string FollowUpId,
    string TaskId,
    string EntityId,
    string ItemCode,
    FollowUpKind Kind,
    string? Authority,
    string Details,
    LocalDate OpenedOn,
    string OpenedBy,
    Instant OpenedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => OpenedBy;

    Instant IAttributedEvent.OccurredAt => OpenedAt;
}

/// <summary>The follow-up was handed to the party that acts on it (a department, an authority, a court), with its reference.</summary>
public sealed record FollowUpHandedOver(
    string FollowUpId, string ReceivingParty, string? Reference, LocalDate HandedOverOn, string HandedOverBy, Instant HandedOverAt)
    : IAttributedEvent
{
    string IAttributedEvent.Actor => HandedOverBy;

    Instant IAttributedEvent.OccurredAt => HandedOverAt;
}

/// <summary>The follow-up was closed with its outcome on a date; a closed follow-up takes no further event.</summary>
public sealed record FollowUpClosed(string FollowUpId, string Outcome, LocalDate ClosedOn, string ClosedBy, Instant ClosedAt)
    : IAttributedEvent
{
    string IAttributedEvent.Actor => ClosedBy;

    Instant IAttributedEvent.OccurredAt => ClosedAt;
}

/// <summary>One follow-up folded from its stream: its opening, every hand-over and its closure.</summary>
public sealed record FollowUp(FollowUpOpened Opened, IReadOnlyList<FollowUpHandedOver> HandOvers, FollowUpClosed? Closure)
{
    public bool IsOpen => Closure is null;

    /// <summary>Calendar days from the opening to <paramref name="today"/> (or to the closure, once closed).</summary>
    public int AgeInDays(LocalDate today) => Period.Between(Opened.OpenedOn, Closure?.ClosedOn ?? today, PeriodUnits.Days).Days;

    public static FollowUp? Evolve(FollowUp? state, object data) => data switch
    {
        FollowUpOpened opened => new FollowUp(opened, [], null),
        FollowUpHandedOver handedOver when state is not null => state with { HandOvers = [.. state.HandOvers, handedOver] },
        FollowUpClosed closed when state is not null => state with { Closure = closed },
        _ => state,
    };
}
