using System.Collections.Frozen;
using NodaTime;

namespace FairDraw.Ledger.Calendar;

/// <summary>
/// Working days on China's official calendar (<see cref="HolidayNotices"/>): Monday to Friday, except the notices' days
/// off, plus the weekend days they make working days. Counting follows the brief's example (docs/calendar.md): the
/// start day never counts, so N working days from a date end on the Nth working day after it. A date in a year without
/// its notice is a <see cref="DomainException"/> naming the year, never a guess.
/// </summary>
public static class WorkingDays
{
    /// <summary>The publication deadline (§二.七): this many working days from the inspection date.</summary>
    public const int PublicationPeriod = 20;

    private static readonly FrozenSet<int> CoveredYears = HolidayNotices.All.Select(notice => notice.Year).ToFrozenSet();

    private static readonly FrozenSet<LocalDate> DaysOff = HolidayNotices.All
        .SelectMany(notice => notice.DaysOff.SelectMany(entry => HolidayNotices.Dates(notice.Year, entry)))
        .ToFrozenSet();

    private static readonly FrozenSet<LocalDate> WorkingWeekendDays = HolidayNotices.All
        .SelectMany(notice => notice.WorkingWeekendDays.SelectMany(entry => HolidayNotices.Dates(notice.Year, entry)))
        .ToFrozenSet();

    /// <summary>The years the calendar covers, in order.</summary>
    public static IReadOnlyList<int> Years { get; } = [.. CoveredYears.Order()];

    /// <summary>Whether <paramref name="date"/> is a working day; <paramref name="field"/> names it in an error.</summary>
    public static bool IsWorkingDay(LocalDate date, string field = "date")
    {
        RequireCovered(date, field);
        return WorkingWeekendDays.Contains(date)
            || (date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !DaysOff.Contains(date));
    }

    /// <summary>The <paramref name="count"/>th working day after <paramref name="start"/> (itself when 0).</summary>
    public static LocalDate Add(LocalDate start, int count, string field = "date")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count); // callers validate a count they were given
        RequireCovered(start, field);
        var day = start;
        for (var counted = 0; counted < count;)
        {
            day = day.PlusDays(1);
            if (IsWorkingDay(day, field))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>
    /// The working days after <paramref name="from"/> up to and including <paramref name="to"/> (negative, the same count
    /// reversed, when <paramref name="to"/> is earlier): a publication on date P is late by <c>Between(deadline, P)</c>
    /// working days when that is positive.
    /// </summary>
    public static int Between(LocalDate from, LocalDate to, string field = "date")
    {
        if (to < from)
        {
            return -Between(to, from, field);
        }

        RequireCovered(from, field);
        var count = 0;
        for (var day = from.PlusDays(1); day <= to; day = day.PlusDays(1))
        {
            if (IsWorkingDay(day, field))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Every date a count touches, its start included, lies in a covered year.</summary>
    private static void RequireCovered(LocalDate date, string field)
    {
        if (!CoveredYears.Contains(date.Year))
        {
            throw DomainException.Invalid(field,
                $"没有{date.Year}年的工作日历（国务院办公厅部分节假日安排的通知），无法计算工作日 / no working-day "
                + $"calendar for {date.Year} (the State Council's holiday notice): working days cannot be counted");
        }
    }
}
