using FairDraw.Ledger.Integrity;
using NodaTime;

namespace FairDraw.Ledger.Duty;

/// <summary>
/// The witnessed time bounds of ledger positions (docs/duty-report.md §3), from bound checkpoints whose signatures and
/// consistency with the final checkpoint the caller has verified. A checkpoint's quorum time is the k-th earliest
/// timestamp among the valid cosignatures of distinct trusted witnesses; the upper bound of a leaf is the earliest
/// quorum time of a checkpoint that includes it, the lower bound the latest of one that does not.
/// </summary>
public sealed class WitnessedTimes
{
    private readonly IReadOnlyList<(long Size, Instant Time)> _times;

    private WitnessedTimes(IReadOnlyList<(long Size, Instant Time)> times) => _times = times;

    /// <summary>No trusted witness: every bound is null, so every deadline is undetermined.</summary>
    public static WitnessedTimes None { get; } = new([]);

    /// <summary>The quorum times of <paramref name="checkpoints"/> (size, cosigned note) under <paramref name="policy"/>.</summary>
    public static WitnessedTimes From(IEnumerable<(long Size, string Note)> checkpoints, WitnessPolicy? policy)
    {
        if (policy is null)
        {
            return None;
        }

        var times = new List<(long, Instant)>();
        foreach (var (size, note) in checkpoints)
        {
            if (QuorumTime(note, policy) is { } time)
            {
                times.Add((size, time));
            }
        }

        return new WitnessedTimes(times);
    }

    /// <summary>The k-th earliest valid cosignature timestamp of distinct policy witnesses on the note; null below k.</summary>
    public static Instant? QuorumTime(string cosignedNote, WitnessPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        try
        {
            var stamps = Cosignatures.Check(cosignedNote, policy).Valid.Select(c => c.Timestamp).Order().ToList();
            return stamps.Count >= policy.Quorum ? Instant.FromUnixTimeSeconds(stamps[policy.Quorum - 1]) : null;
        }
        catch (CheckpointException)
        {
            return null;
        }
    }

    /// <summary>No later than this the event at <paramref name="leafIndex"/> was in the log the witnesses held.</summary>
    public Instant? Upper(long leafIndex) =>
        _times.Where(t => t.Size > leafIndex).Select(t => (Instant?)t.Time).Min();

    /// <summary>No earlier than this the event at <paramref name="leafIndex"/> entered the log the witnesses held.</summary>
    public Instant? Lower(long leafIndex) =>
        _times.Where(t => t.Size <= leafIndex).Select(t => (Instant?)t.Time).Max();
}
