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
    // Sizes ascending with, at each place, the earliest time from it on and the latest up to it: a bound is then one
    // binary search, as a report judges thousands of events against hundreds of checkpoints.
    private readonly long[] _sizes;
    private readonly (Instant Time, long Size)[] _earliestFrom;
    private readonly (Instant Time, long Size)[] _latestUpTo;

    private WitnessedTimes(List<(long Size, Instant Time)> times)
    {
        times.Sort((a, b) => a.Size.CompareTo(b.Size));
        _sizes = [.. times.Select(t => t.Size)];
        _earliestFrom = new (Instant, long)[times.Count];
        _latestUpTo = new (Instant, long)[times.Count];
        for (var i = times.Count - 1; i >= 0; i--)
        {
            _earliestFrom[i] = i + 1 < times.Count && _earliestFrom[i + 1].Time <= times[i].Time ? _earliestFrom[i + 1] : (times[i].Time, times[i].Size);
        }

        for (var i = 0; i < times.Count; i++)
        {
            _latestUpTo[i] = i > 0 && _latestUpTo[i - 1].Time >= times[i].Time ? _latestUpTo[i - 1] : (times[i].Time, times[i].Size);
        }
    }

    /// <summary>No trusted witness: every bound is null, so every deadline is undetermined.</summary>
    public static WitnessedTimes None { get; } = new([]);

    /// <summary>The quorum times of <paramref name="checkpoints"/> (size, cosigned note) under <paramref name="policy"/>.</summary>
    public static WitnessedTimes From(IEnumerable<(long Size, string Note)> checkpoints, WitnessPolicy? policy)
    {
        if (policy is null)
        {
            return None;
        }

        // Each cosignature is an Ed25519 verification; a year has hundreds of checkpoints, checked on every core.
        return new WitnessedTimes([.. checkpoints.AsParallel()
            .Select(c => (c.Size, Time: QuorumTime(c.Note, policy)))
            .Where(c => c.Time is not null)
            .Select(c => (c.Size, c.Time!.Value))]);
    }

    /// <summary>The quorum times of checkpoints whose cosignatures the caller has checked (size, quorum time).</summary>
    public static WitnessedTimes Of(IEnumerable<(long Size, Instant Time)> times) => new([.. times]);

    /// <summary>The k-th earliest valid cosignature timestamp of distinct policy witnesses on the note; null below k.</summary>
    public static Instant? QuorumTime(string cosignedNote, WitnessPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        try
        {
            return QuorumTime(Cosignatures.Check(cosignedNote, policy));
        }
        catch (CheckpointException)
        {
            return null;
        }
    }

    /// <summary>The k-th earliest timestamp among a note's checked cosignatures; null below the policy's quorum k.</summary>
    public static Instant? QuorumTime(WitnessCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var stamps = check.Valid.Select(c => c.Timestamp).Order().ToList();
        return stamps.Count >= check.Policy.Quorum ? Instant.FromUnixTimeSeconds(stamps[check.Policy.Quorum - 1]) : null;
    }

    /// <summary>No later than this the event at <paramref name="leafIndex"/> was in the log the witnesses held.</summary>
    public Instant? Upper(long leafIndex) => UpperEntry(leafIndex)?.Time;

    /// <summary>No earlier than this the event at <paramref name="leafIndex"/> entered the log the witnesses held.</summary>
    public Instant? Lower(long leafIndex) => LowerEntry(leafIndex)?.Time;

    /// <summary>The size of a checkpoint giving <see cref="Upper"/>; a bundle must carry it for the bound to stand.</summary>
    public long? UpperCheckpoint(long leafIndex) => UpperEntry(leafIndex)?.Size;

    /// <summary>The size of a checkpoint giving <see cref="Lower"/>.</summary>
    public long? LowerCheckpoint(long leafIndex) => LowerEntry(leafIndex)?.Size;

    // The first checkpoint larger than the leaf, and the last one not larger.
    private (Instant Time, long Size)? UpperEntry(long leafIndex)
    {
        var i = FirstAbove(leafIndex);
        return i < _sizes.Length ? _earliestFrom[i] : null;
    }

    private (Instant Time, long Size)? LowerEntry(long leafIndex)
    {
        var i = FirstAbove(leafIndex) - 1;
        return i >= 0 ? _latestUpTo[i] : null;
    }

    private int FirstAbove(long leafIndex)
    {
        var (low, high) = (0, _sizes.Length);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = _sizes[middle] > leafIndex ? (low, middle) : (middle + 1, high);
        }

        return low;
    }
}
