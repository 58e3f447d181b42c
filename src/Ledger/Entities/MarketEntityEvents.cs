using FairDraw.Ledger.Access;
using NodaTime;

namespace FairDraw.Ledger.Entities;

// The event catalogue of one entity stream (检查对象名录库). A shipped event is never edited: add a new type instead.
// Mirrored in docs/events.md.

/// <summary>An entity entered the directory (registration or first import).</summary>
public sealed record EntityRegistered(
    string Uscc,
    string Name,
    EntityType Type,
    DivisionCode Jurisdiction,
    string RegistrationAuthority,
    string Address,
    string Industry,
    RiskClass RiskClass,
    IReadOnlyList<string> Tags,
    EntityStatus Status,
    string RegisteredBy,
    Instant RegisteredAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => RegisteredBy;

    Instant IAttributedEvent.OccurredAt => RegisteredAt;
}

/// <summary>The descriptive fields of an entity changed; the event carries all of them as they now are.</summary>
public sealed record EntityDetailsUpdated(
    string Uscc,
    string Name,
    string Address,
    string Industry,
    RiskClass RiskClass,
    IReadOnlyList<string> Tags,
    string UpdatedBy,
    Instant UpdatedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => UpdatedBy;

    Instant IAttributedEvent.OccurredAt => UpdatedAt;
}

/// <summary>The registration status changed (存续/注销/吊销/迁出).</summary>
public sealed record EntityStatusChanged(
    string Uscc,
    EntityStatus Status,
    string Reason,
    string ChangedBy,
    Instant ChangedAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => ChangedBy;

    Instant IAttributedEvent.OccurredAt => ChangedAt;
}
