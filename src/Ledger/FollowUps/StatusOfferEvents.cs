using FairDraw.Ledger.Entities;
using NodaTime;

namespace FairDraw.Ledger.FollowUps;

// The registrar's answer to a status outcome an inspection found (stream "status-offer:{taskId}:{entityId}:{itemCode}",
// at most one event). The offer itself is the result's approval: an approved result whose outcome is a registration
// status offers that status to the registrar covering the entity. A shipped event is never edited. Mirrored in
// docs/events.md.

/// <summary>
/// The registrar accepted the offer: the entity stream took <see cref="EntityStatusChanged"/> to <c>Status</c> in the same
/// transaction, its reason naming <c>OfferId</c>.
/// </summary>
public sealed record EntityStatusOfferAccepted(string OfferId, string Uscc, EntityStatus Status, string AcceptedBy, Instant AcceptedAt)
    : IAttributedEvent
{
    string IAttributedEvent.Actor => AcceptedBy;

    Instant IAttributedEvent.OccurredAt => AcceptedAt;
}

/// <summary>The registrar dismissed the offer with a reason: the directory keeps the entity's status.</summary>
public sealed record EntityStatusOfferDismissed(
    string OfferId, string Uscc, EntityStatus Status, string Reason, string DismissedBy, Instant DismissedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => DismissedBy;

    Instant IAttributedEvent.OccurredAt => DismissedAt;
}
