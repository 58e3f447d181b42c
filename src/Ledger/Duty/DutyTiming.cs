using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace FairDraw.Ledger.Duty;

/// <summary>Whether an event met a deadline by its witnessed bounds (docs/duty-report.md §3).</summary>
internal enum Timing
{
    InTime,
    Late,
    Undetermined,
}

/// <summary>
/// Judges deadlines on witnessed bounds only, and records every event it judged with its bounds for the report.
/// </summary>
internal sealed class DutyTiming(WitnessedTimes times, long asOf)
{
    private static readonly InstantPattern Seconds = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'Z'");
    private readonly SortedDictionary<long, DutyBound> _bounds = [];

    /// <summary>The as-of time: the lower bound of position P (by then the log had not grown past P).</summary>
    public Instant? AsOfTime { get; } = times.Lower(asOf);

    public IReadOnlyList<DutyBound> Bounds => [.. _bounds.Values];

    public static string Format(Instant instant) => Seconds.Format(instant);

    /// <summary>The end of a Beijing date: the next day's start.</summary>
    public static Instant EndOf(LocalDate date) => BeijingTime.StartOf(date.PlusDays(1));

    public static string Text(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    public Timing Judge(DutyEvent e, Instant deadline)
    {
        var (lower, upper) = Bound(e);
        return upper <= deadline ? Timing.InTime : lower >= deadline ? Timing.Late : Timing.Undetermined;
    }

    /// <summary>Whether an event came at or after <paramref name="moment"/>: true, false, or null when undecided.</summary>
    public bool? AtOrAfter(DutyEvent e, Instant moment)
    {
        var (lower, upper) = Bound(e);
        return lower >= moment ? true : upper < moment ? false : null;
    }

    private (Instant? Lower, Instant? Upper) Bound(DutyEvent e)
    {
        var (lower, upper) = (times.Lower(e.LeafIndex), times.Upper(e.LeafIndex));
        _bounds[e.Sequence] = new DutyBound(e.Sequence, e.LeafIndex, e.Time, lower is { } l ? Format(l) : null, upper is { } u ? Format(u) : null);
        return (lower, upper);
    }

    /// <summary>The verdict of nothing having happened by <paramref name="deadline"/>, as of the report's position.</summary>
    public string NothingBy(Instant deadline) =>
        AsOfTime is not { } now ? DutyVerdict.Undetermined
        : now >= deadline ? DutyVerdict.NotFulfilled
        : DutyVerdict.Pending;

    /// <summary>The verdict of an event against a deadline, with its late and undetermined codes.</summary>
    public static string VerdictOf(Timing timing) => timing switch
    {
        Timing.InTime => DutyVerdict.Fulfilled,
        Timing.Late => DutyVerdict.NotFulfilled,
        _ => DutyVerdict.Undetermined,
    };
}
