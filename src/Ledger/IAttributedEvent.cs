using NodaTime;

namespace FairDraw.Ledger;

/// <summary>
/// Every event names who caused it and when. Events implement this explicitly over their own "…By"/"…At" members,
/// so the history view and projections can read both without knowing the event type.
/// </summary>
public interface IAttributedEvent
{
    string Actor { get; }

    Instant OccurredAt { get; }
}
