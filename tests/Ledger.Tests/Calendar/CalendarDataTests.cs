using FairDraw.Ledger.Calendar;
using NodaTime;
using static FairDraw.Ledger.Tests.Calendar.CountingWorkingDays;

namespace FairDraw.Ledger.Tests.Calendar;

/// <summary>The notices' data is consistent, and a year without a notice is an error naming it.</summary>
public sealed class CalendarDataTests
{
    public static TheoryData<int> Years() => [.. HolidayNotices.All.Select(notice => notice.Year)];

    [Fact]
    public void The_calendar_covers_the_years_of_the_brief_with_one_notice_each()
    {
        Assert.Equal([2021, 2022, 2023, 2024, 2025, 2026], WorkingDays.Years);
        Assert.Equal(WorkingDays.Years, HolidayNotices.All.Select(notice => notice.Year));
        Assert.All(HolidayNotices.All, notice =>
        {
            Assert.Equal(notice.Year - 1, notice.Issued.Year);
            Assert.Matches(@"^国办发明电〔\d{4}〕\d+号$", notice.Number);
        });
    }

    [Theory]
    [MemberData(nameof(Years))]
    public void Every_make_up_day_is_a_weekend_day_that_is_worked(int year)
    {
        var notice = HolidayNotices.All.Single(candidate => candidate.Year == year);
        var makeUp = notice.WorkingWeekendDays.SelectMany(entry => HolidayNotices.Dates(year, entry)).ToList();
        Assert.NotEmpty(makeUp);
        Assert.All(makeUp, day =>
        {
            Assert.Equal(year, day.Year);
            Assert.Contains(day.DayOfWeek, new[] { IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday });
            Assert.True(WorkingDays.IsWorkingDay(day), $"{day} is a make-up working day");
        });
    }

    [Theory]
    [MemberData(nameof(Years))]
    public void Every_listed_day_off_is_not_worked(int year)
    {
        var notice = HolidayNotices.All.Single(candidate => candidate.Year == year);
        var daysOff = notice.DaysOff.SelectMany(entry => HolidayNotices.Dates(year, entry)).ToList();
        Assert.All(daysOff, day => Assert.False(WorkingDays.IsWorkingDay(day), $"{day} is a day off"));
        // Each holiday of a notice includes at least one weekday, or the notice would not need to list it.
        Assert.Contains(daysOff, day => day.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday));
    }

    [Fact]
    public void The_2023_notice_gives_a_day_off_in_2022()
    {
        var notice = HolidayNotices.All.Single(candidate => candidate.Year == 2023);
        Assert.Contains(new LocalDate(2022, 12, 31), notice.DaysOff.SelectMany(entry => HolidayNotices.Dates(2023, entry)));
        Assert.False(WorkingDays.IsWorkingDay(new LocalDate(2022, 12, 31)));
    }

    [Theory]
    [InlineData("01-31..02-06", "2022-01-31", "2022-02-06", 7)]
    [InlineData("09-29..10-06", "2022-09-29", "2022-10-06", 8)]
    [InlineData("04-05", "2022-04-05", "2022-04-05", 1)]
    [InlineData("2021-12-31", "2021-12-31", "2021-12-31", 1)]
    public void Reads_the_notation_of_the_notices(string entry, string first, string last, int days)
    {
        var dates = HolidayNotices.Dates(2022, entry).ToList();
        Assert.Equal((Date(first), Date(last), days), (dates[0], dates[^1], dates.Count));
    }

    [Theory]
    [InlineData("2027-01-04", 0, 2027)]
    [InlineData("2020-12-31", 1, 2020)]
    // A count starting in 2026 that runs into 2027: 20 working days from 12-20 would end in January 2027.
    [InlineData("2026-12-20", 20, 2027)]
    [InlineData("2026-12-31", 1, 2027)]
    public void A_year_without_its_notice_is_an_error_naming_the_year(string start, int count, int year)
    {
        var error = Assert.Throws<DomainException>(() => WorkingDays.Add(Date(start), count, "inspectionDate"));
        Assert.Equal(("inspectionDate", DomainErrorKind.Invalid), (error.Field, error.Kind));
        Assert.Contains($"{year}年", error.Reason);
        Assert.Contains($"for {year}", error.Reason);
    }

    [Fact]
    public void Checking_or_counting_into_a_year_without_its_notice_is_an_error()
    {
        Assert.Contains("2027", Assert.Throws<DomainException>(() => WorkingDays.IsWorkingDay(Date("2027-01-04"))).Reason);
        Assert.Contains("2027",
            Assert.Throws<DomainException>(() => WorkingDays.Between(Date("2026-12-30"), Date("2027-01-05"))).Reason);
        Assert.Contains("2027",
            Assert.Throws<DomainException>(() => WorkingDays.Between(Date("2027-01-05"), Date("2026-12-30"))).Reason);
        // The last covered day still counts: Thu 12-31 is a working day after Wed 12-30.
        Assert.Equal(1, WorkingDays.Between(Date("2026-12-30"), Date("2026-12-31")));
    }

    [Fact]
    public void Adding_then_counting_back_agrees_for_every_covered_start()
    {
        // Exhaustive over the covered years: the count ends on a working day, and counting back gives the count.
        var last = new LocalDate(WorkingDays.Years[^1], 12, 31);
        for (var start = Date("2021-01-01"); start <= last; start = start.PlusDays(1))
        {
            for (var count = 0; count <= 30; count++)
            {
                LocalDate end;
                try
                {
                    end = WorkingDays.Add(start, count);
                }
                catch (DomainException) when (start > last.PlusDays(-60))
                {
                    break;
                }

                Assert.True(count == 0 || WorkingDays.IsWorkingDay(end), $"{start} + {count}");
                Assert.Equal(count, WorkingDays.Between(start, end));
                Assert.Equal(-count, WorkingDays.Between(end, start));
            }
        }
    }
}
