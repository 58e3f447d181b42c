using JasperFx.Events;

namespace FairDraw.Projections;

/// <summary>Guards the inline view projections against folding events onto a view a concurrent writer moved on.</summary>
internal static class ConcurrentAppends
{
    /// <summary>
    /// Whether a view stored at <paramref name="storedVersion"/> already holds a version of <paramref name="newEvents"/>:
    /// a concurrent writer committed to the stream after this append read it. The append then fails on the stream's
    /// version (409) and writes nothing, so the projection has nothing to fold (folding, say, a second draft onto the
    /// first would throw and turn the conflict into a 500).
    /// </summary>
    public static bool Overtaken(long? storedVersion, IEnumerable<IEvent> newEvents) =>
        storedVersion >= newEvents.Min(e => e.Version);
}
