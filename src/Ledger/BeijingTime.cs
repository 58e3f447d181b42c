using NodaTime;

namespace FairDraw.Ledger;

/// <summary>
/// China Standard Time (UTC+08:00, without daylight saving since 1991): the clock of every date the regime names — the
/// day a pool is frozen on (certificates valid that day), a lottery's draw evening, a plan year.
/// </summary>
public static class BeijingTime
{
    public static readonly Offset Offset = Offset.FromHours(8);

    /// <summary>The Beijing date at <paramref name="instant"/>.</summary>
    public static LocalDate DateOf(Instant instant) => instant.WithOffset(Offset).Date;

    /// <summary>The instant <paramref name="date"/> begins in Beijing.</summary>
    public static Instant StartOf(LocalDate date) => date.AtMidnight().WithOffset(Offset).ToInstant();
}
