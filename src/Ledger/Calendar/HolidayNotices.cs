using System.Globalization;
using NodaTime;

namespace FairDraw.Ledger.Calendar;

/// <summary>
/// One State Council General Office notice on a year's holidays (国务院办公厅关于&lt;年&gt;部分节假日安排的通知):
/// the days off beyond weekends and the weekend days that are working days (调休), written as the notice lists them:
/// "MM-dd", "MM-dd..dd" or "MM-dd..MM-dd" in the notice's year, or a full "yyyy-MM-dd" for a day outside it.
/// </summary>
public sealed record HolidayNotice(int Year, string Number, LocalDate Issued, string[] DaysOff, string[] WorkingWeekendDays);

/// <summary>
/// China's official working-day calendar: the one place its data lives (docs/calendar.md says how to add a year). A C#
/// table rather than an embedded file: the compiler and the tests check it, and nothing can fail to load at run time.
/// </summary>
public static class HolidayNotices
{
    /// <summary>Each year's notice as published on www.gov.cn, in year order; the dates match the domain brief.</summary>
    public static readonly IReadOnlyList<HolidayNotice> All =
    [
        new(2021, "国办发明电〔2020〕27号", new LocalDate(2020, 11, 25),
            ["01-01..03", "02-11..17", "04-03..05", "05-01..05", "06-12..14", "09-19..21", "10-01..07"],
            ["02-07", "02-20", "04-25", "05-08", "09-18", "09-26", "10-09"]),
        new(2022, "国办发明电〔2021〕11号", new LocalDate(2021, 10, 25),
            ["01-01..03", "01-31..02-06", "04-03..05", "04-30..05-04", "06-03..05", "09-10..12", "10-01..07"],
            ["01-29", "01-30", "04-02", "04-24", "05-07", "10-08", "10-09"]),
        // New Year 2023 ran from 2022-12-31: a day of the 2023 notice that falls in 2022.
        new(2023, "国办发明电〔2022〕16号", new LocalDate(2022, 12, 8),
            ["2022-12-31", "01-01..02", "01-21..27", "04-05", "04-29..05-03", "06-22..24", "09-29..10-06"],
            ["01-28", "01-29", "04-23", "05-06", "06-25", "10-07", "10-08"]),
        new(2024, "国办发明电〔2023〕7号", new LocalDate(2023, 10, 25),
            ["01-01", "02-10..17", "04-04..06", "05-01..05", "06-10", "09-15..17", "10-01..07"],
            ["02-04", "02-18", "04-07", "04-28", "05-11", "09-14", "09-29", "10-12"]),
        new(2025, "国办发明电〔2024〕12号", new LocalDate(2024, 11, 12),
            ["01-01", "01-28..02-04", "04-04..06", "05-01..05", "05-31..06-02", "10-01..08"],
            ["01-26", "02-08", "04-27", "09-28", "10-11"]),
        new(2026, "国办发明电〔2025〕7号", new LocalDate(2025, 11, 4),
            ["01-01..03", "02-15..23", "04-04..06", "05-01..05", "06-19..21", "09-25..27", "10-01..07"],
            ["01-04", "02-14", "02-28", "05-09", "09-20", "10-10"]),
    ];

    /// <summary>The days one entry of a notice names, in order.</summary>
    public static IEnumerable<LocalDate> Dates(int year, string entry)
    {
        var parts = entry.Split("..");
        var first = Date(year, parts[0]);
        var last = parts.Length switch
        {
            1 => first,
            2 when parts[1].Length == 2 => first.PlusDays(int.Parse(parts[1], CultureInfo.InvariantCulture) - first.Day),
            2 => Date(first.Year, parts[1]),
            _ => throw new FormatException($"notice entry '{entry}' has more than one '..'"),
        };
        if (last < first)
        {
            throw new FormatException($"notice entry '{entry}' ends before it begins");
        }

        for (var day = first; day <= last; day = day.PlusDays(1))
        {
            yield return day;
        }
    }

    private static LocalDate Date(int year, string text)
    {
        var fields = text.Split('-').Select(field => int.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        return fields.Length switch
        {
            2 => new LocalDate(year, fields[0], fields[1]),
            3 => new LocalDate(fields[0], fields[1], fields[2]),
            _ => throw new FormatException($"'{text}' is neither MM-dd nor yyyy-MM-dd"),
        };
    }
}
