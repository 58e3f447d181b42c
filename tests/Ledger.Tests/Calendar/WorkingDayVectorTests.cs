using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FairDraw.Ledger.Calendar;
using NodaTime;
using NodaTime.Text;
using static FairDraw.Ledger.Tests.Draws.DrawVectorTests;

namespace FairDraw.Ledger.Tests.Calendar;

/// <summary>
/// docs/working-day-vectors.json is what <see cref="WorkingDays"/> answers: every covered day, and additions from the
/// 1st and 15th of each month, those that run into a year without its notice naming that year. The JavaScript
/// calendar (verifier/working-days.mjs, its own copy of the notices) must answer the same (working-days.test.mjs).
/// After an intended change to the calendar, run with WORKING_DAY_VECTORS_WRITE=1 to rewrite the file, and review it.
/// </summary>
public sealed partial class WorkingDayVectorTests
{
    private static readonly int[] Counts = [1, 5, WorkingDays.PublicationPeriod];

    [Fact]
    public void The_published_vectors_are_what_the_calendar_computes()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "working-day-vectors.json");
        var generated = Write();
        if (Environment.GetEnvironmentVariable("WORKING_DAY_VECTORS_WRITE") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.Equal(File.ReadAllText(path), generated);
    }

    private static string Write()
    {
        var text = new StringBuilder("{\n  \"about\": \"docs/calendar.md: each covered year's days from 01-01 (1 = working day), and ")
            .Append("WorkingDays.Add cases (date, or the year without its notice that the count reached)\",\n  \"years\": {\n");
        text.AppendJoin(",\n", WorkingDays.Years.Select(year => $"    \"{year}\": \"{Days(year)}\""));
        text.Append("\n  },\n  \"add\": [\n");
        var cases = WorkingDays.Years
            .SelectMany(year => Enumerable.Range(1, 12).SelectMany(month => new[] { new LocalDate(year, month, 1), new LocalDate(year, month, 15) }))
            .SelectMany(start => Counts.Select(count => Case(start, count)));
        text.AppendJoin(",\n", cases);
        return text.Append("\n  ]\n}\n").ToString();
    }

    private static string Days(int year)
    {
        var first = new LocalDate(year, 1, 1);
        var count = Period.DaysBetween(first, new LocalDate(year + 1, 1, 1));
        return string.Concat(Enumerable.Range(0, count).Select(offset => WorkingDays.IsWorkingDay(first.PlusDays(offset)) ? '1' : '0'));
    }

    private static string Case(LocalDate start, int count)
    {
        var from = LocalDatePattern.Iso.Format(start);
        try
        {
            return $"    {{\"from\": \"{from}\", \"add\": {count}, \"date\": \"{LocalDatePattern.Iso.Format(WorkingDays.Add(start, count))}\"}}";
        }
        catch (DomainException missing)
        {
            var year = int.Parse(MissingYear().Match(missing.Reason).Groups[1].Value, CultureInfo.InvariantCulture);
            return $"    {{\"from\": \"{from}\", \"add\": {count}, \"missingYear\": {year}}}";
        }
    }

    [GeneratedRegex(@"no working-day calendar for (\d{4})")]
    private static partial Regex MissingYear();
}
