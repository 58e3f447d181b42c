using FairDraw.Ledger.Access;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Results;
using NodaTime;

namespace FairDraw.Ledger.Statistics;

/// <summary>Open follow-ups by their age in calendar days on the day measured.</summary>
public sealed record FollowUpAges(int UpTo30Days, int From31To90Days, int Over90Days);

/// <summary>
/// The result figures of one department in one jurisdiction (<c>Total</c>: of every jurisdiction the one asked for
/// covers). Percentages are null when their base is zero: entry of results expected (objects × the department's items),
/// publication ((published + exempted) / approved, the seed's target 100%), on time of published, exempted of approved.
/// <c>ExemptionsPending</c>: exemptions filed and not yet acknowledged (nor declined). <c>Department</c> is empty in
/// the rows of <see cref="ResultStatistics.ComputePerJurisdiction"/>, which count every department together.
/// </summary>
public sealed record ResultFigures(
    string Jurisdiction,
    bool Total,
    string Department,
    int ObjectsDrawn,
    int ResultsExpected,
    int ResultsEntered,
    double? EntryPercent,
    int Approved,
    int Published,
    int PublishedOnTime,
    int PublishedLate,
    int Exempted,
    double? PublicationPercent,
    double? OnTimePercent,
    double? ExemptedPercent,
    int FollowUpsOpened,
    int FollowUpsClosed,
    FollowUpAges OpenFollowUpsByAge,
    int OverdueInspections,
    int ExemptionsPending = 0);

/// <summary>
/// The one computation of the result statistics (§一, §三.五) from the folded streams of a year's tasks, whether they
/// were read from the projection (now) or replayed up to a past moment.
/// </summary>
public static class ResultStatistics
{
    /// <summary>
    /// Rows per task jurisdiction and department (<see cref="Plans.SamplingTaskSpec.DepartmentOf"/> of each item's
    /// responsible department), and when <paramref name="scope"/> covers other jurisdictions its total per department.
    /// Results count when they are of the current, executed round, of an object in its sample and of one of the task's
    /// items; follow-ups count for the task's items; ages are measured on <paramref name="today"/>.
    /// </summary>
    public static IReadOnlyList<ResultFigures> Compute(
        DivisionCode scope,
        string? department,
        IReadOnlyList<DrawnObjects> tasks,
        IReadOnlyList<ResultMark> results,
        IReadOnlyList<FollowUp> followUps,
        Func<DrawnObjects, string, string> responsibleDepartment,
        LocalDate today)
    {
        var selected = Counts(scope, tasks, results, followUps, responsibleDepartment)
            .Where(count => department is null || count.Department == department)
            .ToList();
        return Rows(scope, selected, count => count.Department, today);
    }

    /// <summary>
    /// As <see cref="Compute"/> for every department together: one row per task jurisdiction (and the total of a city
    /// or province), each department's share of a task counted once in <c>ObjectsDrawn</c>.
    /// </summary>
    public static IReadOnlyList<ResultFigures> ComputePerJurisdiction(
        DivisionCode scope,
        IReadOnlyList<DrawnObjects> tasks,
        IReadOnlyList<ResultMark> results,
        IReadOnlyList<FollowUp> followUps,
        Func<DrawnObjects, string, string> responsibleDepartment,
        LocalDate today) =>
        Rows(scope, Counts(scope, tasks, results, followUps, responsibleDepartment), _ => "", today);

    /// <summary>A share of a whole in percent to two places; null when the whole is zero.</summary>
    public static double? Percent(long part, long whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 2);

    private static List<Count> Counts(
        DivisionCode scope,
        IReadOnlyList<DrawnObjects> tasks,
        IReadOnlyList<ResultMark> results,
        IReadOnlyList<FollowUp> followUps,
        Func<DrawnObjects, string, string> responsibleDepartment)
    {
        var resultsByTask = results.ToLookup(result => result.TaskId, StringComparer.Ordinal);
        var followUpsByTask = followUps.ToLookup(followUp => followUp.Opened.TaskId, StringComparer.Ordinal);
        var counts = new List<Count>();
        foreach (var task in tasks.Where(task => scope.Covers(DivisionCode.Parse(task.Jurisdiction))))
        {
            var departments = task.Task.ItemCodes.Distinct(StringComparer.Ordinal)
                .ToDictionary(code => code, code => task.Task.DepartmentOf(responsibleDepartment(task, code)), StringComparer.Ordinal);
            var sample = task.Executed ? task.Sample.ToHashSet(StringComparer.Ordinal) : [];
            foreach (var byDepartment in departments.GroupBy(item => item.Value, StringComparer.Ordinal))
            {
                var items = byDepartment.Select(item => item.Key).ToHashSet(StringComparer.Ordinal);
                var counted = resultsByTask[task.TaskId]
                    .Where(result => result.Round == task.Round && sample.Contains(result.EntityId) && items.Contains(result.ItemCode))
                    .ToList();
                counts.Add(new Count(
                    task.TaskId, task.Jurisdiction, byDepartment.Key, sample.Count, sample.Count * items.Count, counted,
                    [.. followUpsByTask[task.TaskId].Where(followUp => items.Contains(followUp.Opened.ItemCode))]));
            }
        }

        return counts;
    }

    private static List<ResultFigures> Rows(DivisionCode scope, List<Count> counts, Func<Count, string> department, LocalDate today)
    {
        var rows = counts.GroupBy(count => (count.Jurisdiction, Department: department(count)))
            .Select(group => Figures(group.Key.Jurisdiction, false, group.Key.Department, [.. group], today));
        var totals = scope.IsCity || scope.IsProvince
            ? counts.GroupBy(department, StringComparer.Ordinal).Select(group => Figures(scope.Value, true, group.Key, [.. group], today))
            : [];
        return [.. rows.Concat(totals)
            .OrderBy(row => row.Jurisdiction, StringComparer.Ordinal)
            .ThenBy(row => row.Total)
            .ThenBy(row => row.Department, StringComparer.Ordinal)];
    }

    private static ResultFigures Figures(string jurisdiction, bool total, string department, IReadOnlyList<Count> counts, LocalDate today)
    {
        var results = counts.SelectMany(count => count.Results).ToList();
        var followUps = counts.SelectMany(count => count.FollowUps).ToList();
        var expected = counts.Sum(count => count.Expected);
        var approved = results.Count(result => result.IsApproved);
        var published = results.Count(result => result.Status == ResultStatus.Published);
        var late = results.Count(result => result.Status == ResultStatus.Published && result.Late);
        var exempted = results.Count(result => result.Status == ResultStatus.Exempted);
        var open = followUps.Where(followUp => followUp.IsOpen).Select(followUp => followUp.AgeInDays(today)).ToList();
        return new ResultFigures(
            jurisdiction,
            total,
            department,
            counts.DistinctBy(count => count.TaskId).Sum(count => count.Objects),
            expected,
            results.Count,
            Percent(results.Count, expected),
            approved,
            published,
            published - late,
            late,
            exempted,
            Percent(published + exempted, approved),
            Percent(published - late, published),
            Percent(exempted, approved),
            followUps.Count,
            followUps.Count(followUp => !followUp.IsOpen),
            new FollowUpAges(
                open.Count(age => age <= 30), open.Count(age => age is > 30 and <= 90), open.Count(age => age > 90)),
            results.Count(result => result.Overdue),
            results.Count(result => result.Status == ResultStatus.ExemptionFiled));
    }

    /// <summary>One task's share of one department's figures.</summary>
    private sealed record Count(
        string TaskId,
        string Jurisdiction,
        string Department,
        int Objects,
        int Expected,
        IReadOnlyList<ResultMark> Results,
        IReadOnlyList<FollowUp> FollowUps);
}
