using FairDraw.Api.Reads;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Statistics;
using FairDraw.Projections.Items;
using FairDraw.Projections.Plans;
using FairDraw.Projections.Statistics;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.InspectionResults;

/// <summary>
/// The result statistics of a year in a jurisdiction, now or as of a past instant (<c>AsOf</c>) or ledger position
/// (<c>AsOfPosition</c>); follow-up ages are measured on <c>MeasuredOn</c> (Beijing date).
/// </summary>
public sealed record ResultStatisticsReport(
    int Year,
    string Jurisdiction,
    string? Department,
    string? AsOf,
    long? AsOfPosition,
    LocalDate MeasuredOn,
    IReadOnlyList<ResultFigures> Rows);

public static class ResultStatisticsEndpoint
{
    public const string Path = "/api/statistics/results";

    /// <summary>
    /// Objects drawn, results entered, approved, published (on time, late), exempted, follow-ups and overdue inspections
    /// per jurisdiction and department (docs/architecture.md, "Result statistics"). Now is read from the projection; a
    /// past moment replays the events up to it through the same fold, so the two cannot drift.
    /// </summary>
    [WolverineGet(Path, Name = "ResultStatistics")]
    public static async Task<ResultStatisticsReport> Get(
        int? year, string? jurisdiction, string? department, string? asOf, long? asOfPosition, IQuerySession session, IClock clock,
        CancellationToken cancellation)
    {
        var y = PlanId.QueryYear(year);
        var scope = DivisionCode.Parse(jurisdiction);
        var wanted = department?.Trim();
        if (wanted is "")
        {
            throw DomainException.Invalid("department", "部门不能为空 / department, when given, is not blank");
        }

        var moment = AsOf.Moment(asOf, asOfPosition);
        IReadOnlyList<ResultTallyView> views;
        LocalDate today;
        if (moment is null)
        {
            views = await ResultTallies.CurrentAsync(session, y, scope, cancellation);
            today = BeijingTime.DateOf(clock.GetCurrentInstant());
        }
        else
        {
            (views, var latest) = await ResultTallies.ReplayAsync(session, y, scope, moment.Position, moment.Holds, cancellation);
            // An instant is measured on its own date; a position on the date of the newest event replayed.
            today = BeijingTime.DateOf(moment.At ?? latest ?? clock.GetCurrentInstant());
        }

        var tasks = views.Select(view => view.Draw).OfType<DrawnObjects>().ToList();
        var departments = await ResponsibleDepartmentsAsync(session, tasks, cancellation);
        var rows = ResultStatistics.Compute(
            scope,
            wanted,
            tasks,
            [.. views.Select(view => view.Result).OfType<ResultMark>()],
            [.. views.Select(view => view.FollowUp).OfType<Ledger.FollowUps.FollowUp>()],
            (task, itemCode) => DepartmentOf(departments, task, itemCode),
            today);
        return new ResultStatisticsReport(y, scope.Value, wanted, asOf, asOfPosition, today, rows);
    }

    /// <summary>
    /// Each item's responsible department in the list each task's plan names, as the list now stands (as the result
    /// writes decide who may touch a result), for now and for past moments alike.
    /// </summary>
    private static async Task<Dictionary<(string PlanId, string ItemCode), string>> ResponsibleDepartmentsAsync(
        IQuerySession session, IReadOnlyList<DrawnObjects> tasks, CancellationToken cancellation)
    {
        var planIds = tasks.Select(task => task.PlanId).Distinct(StringComparer.Ordinal).ToArray();
        var plans = planIds.Length == 0 ? [] : await session.LoadManyAsync<PlanView>(cancellation, planIds);
        var listIds = plans.Select(ListOf).Distinct(StringComparer.Ordinal).ToArray();
        var lists = listIds.Length == 0 ? [] : await session.LoadManyAsync<ItemListView>(cancellation, listIds);
        return ResponsibleDepartments(plans, lists);
    }

    /// <summary>Each item's responsible department, by plan and item code, in the list among <paramref name="lists"/> its plan names.</summary>
    public static Dictionary<(string PlanId, string ItemCode), string> ResponsibleDepartments(
        IEnumerable<PlanView> plans, IEnumerable<ItemListView> lists)
    {
        var byId = lists.ToDictionary(list => list.Id);
        var departments = new Dictionary<(string PlanId, string ItemCode), string>();
        foreach (var plan in plans)
        {
            foreach (var item in byId.GetValueOrDefault(ListOf(plan))?.Items ?? [])
            {
                departments[(plan.Id, item.Code)] = item.ResponsibleDepartment;
            }
        }

        return departments;
    }

    /// <summary>The department responsible for an item of a task: its list's, else the task's lead (<paramref name="departments"/> as above).</summary>
    public static string DepartmentOf(
        IReadOnlyDictionary<(string PlanId, string ItemCode), string> departments, DrawnObjects task, string itemCode) =>
        departments.GetValueOrDefault((task.PlanId, itemCode)) ?? task.Task.LeadDepartment;

    private static string ListOf(PlanView plan) => StreamKeys.ItemList(plan.ItemListJurisdiction, plan.ItemListVersion);
}
