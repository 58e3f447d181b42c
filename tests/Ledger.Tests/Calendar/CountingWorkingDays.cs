using FairDraw.Ledger.Calendar;
using NodaTime;
using NodaTime.Text;

namespace FairDraw.Ledger.Tests.Calendar;

/// <summary>Known answers, each counted by hand from the notice it names (docs/calendar.md).</summary>
public sealed class CountingWorkingDays
{
    [Theory]
    // The domain brief's example; Fri 09-10 → 09-13..17 (5), Sat 09-18 worked (6), 09-19..21 off, 09-22..24 (9),
    // Sun 09-26 worked (10), 09-27..30 (14), 10-01..07 off, 10-08 (15), Sat 10-09 worked (16), 10-11..14 (20).
    [InlineData("2021-09-10", 20, "2021-10-14")]
    // 2021 Spring Festival (off 02-11..17, Sundays 02-07 and Saturday 02-20 worked): from Fri 02-05 the first working
    // day is Sun 02-07, then 02-08..10 (4), 02-18, 02-19 (6), Sat 02-20 (7), Mon 02-22 (8).
    [InlineData("2021-02-05", 1, "2021-02-07")]
    [InlineData("2021-02-10", 1, "2021-02-18")]
    [InlineData("2021-02-05", 7, "2021-02-20")]
    [InlineData("2021-02-05", 8, "2021-02-22")]
    // 2026 Mid-Autumn (09-25..27) and National Day (10-01..07), Sun 09-20 and Sat 10-10 worked: from Fri 09-18, Sun
    // 09-20 (1), 09-21..24 (5), 09-28..30 (8), 10-08, 10-09 (10), Sat 10-10 (11), Mon 10-12 (12).
    [InlineData("2026-09-18", 1, "2026-09-20")]
    [InlineData("2026-09-30", 1, "2026-10-08")]
    [InlineData("2026-09-18", 11, "2026-10-10")]
    [InlineData("2026-09-18", 12, "2026-10-12")]
    // The start day never counts, even when it is a day off; zero days is the start itself.
    [InlineData("2021-10-01", 1, "2021-10-08")]
    [InlineData("2021-09-10", 0, "2021-09-10")]
    // 2023's New Year began on Sat 2022-12-31 (a day of the 2023 notice): from Fri 2022-12-30 the next is Tue 01-03.
    [InlineData("2022-12-30", 1, "2023-01-03")]
    public void Adds_working_days_after_the_start(string start, int count, string expected)
    {
        Assert.Equal(Date(expected), WorkingDays.Add(Date(start), count));
        Assert.Equal(count, WorkingDays.Between(Date(start), Date(expected)));
    }

    [Fact]
    public void The_publication_deadline_is_twenty_working_days()
    {
        Assert.Equal(Date("2021-10-14"), WorkingDays.Add(Date("2021-09-10"), WorkingDays.PublicationPeriod));
    }

    [Theory]
    // Published Mon 10-18 against a deadline of Thu 10-14: Fri 10-15 and Mon 10-18, two working days late.
    [InlineData("2021-10-14", "2021-10-18", 2)]
    [InlineData("2021-10-14", "2021-10-16", 1)]
    [InlineData("2021-10-14", "2021-10-14", 0)]
    // Earlier than the deadline counts back: Wed 10-13 and Thu 10-14 lie after Tue 10-12.
    [InlineData("2021-10-14", "2021-10-12", -2)]
    public void Counts_the_working_days_between_two_dates(string from, string to, int expected)
    {
        Assert.Equal(expected, WorkingDays.Between(Date(from), Date(to)));
    }

    [Fact]
    public void A_year_has_its_weekdays_less_its_weekday_holidays_plus_its_make_up_days()
    {
        // 2021: 261 weekdays (52 weeks and Friday 01-01); weekday days off 01-01, 02-11,12,15,16,17, 04-05,
        // 05-03,04,05, 06-14, 09-20,21, 10-01,04,05,06,07 (18); make-up days 7. 261 − 18 + 7 = 250.
        var days = Enumerable.Range(0, 365).Select(offset => Date("2021-01-01").PlusDays(offset));
        Assert.Equal(250, days.Count(day => WorkingDays.IsWorkingDay(day)));
        // Counting from 01-01 leaves it out, which changes nothing: it is New Year's Day.
        Assert.Equal(250, WorkingDays.Between(Date("2021-01-01"), Date("2021-12-31")));
    }

    [Fact]
    public void A_negative_count_is_a_callers_mistake()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.Add(Date("2021-09-10"), -1));
    }

    internal static LocalDate Date(string text) => LocalDatePattern.Iso.Parse(text).Value;
}
