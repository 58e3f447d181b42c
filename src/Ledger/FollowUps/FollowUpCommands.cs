namespace FairDraw.Ledger.FollowUps;

/// <summary>
/// Open a follow-up of a result: <c>Kind</c> by English name or Chinese label, <c>Authority</c> the other authority of a
/// transfer (and only of a transfer), <c>OpenedOn</c> an ISO date.
/// </summary>
public sealed record OpenFollowUp(string? Kind, string? Authority, string? Details, string? OpenedOn);

/// <summary>Hand a follow-up to the party that acts on it, with its reference (e.g. the transfer letter's number).</summary>
public sealed record HandOverFollowUp(string? ReceivingParty, string? Reference, string? HandedOverOn);

/// <summary>Close a follow-up with its outcome and the date it closed.</summary>
public sealed record CloseFollowUp(string? Outcome, string? ClosedOn);

/// <summary>Dismiss a status offer, and why (e.g. the entity was re-registered before the result was approved).</summary>
public sealed record DismissStatusOffer(string? Reason);
