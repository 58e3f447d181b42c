using FairDraw.Api.InspectionResults;
using FairDraw.Api.Items;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Draws;
using FairDraw.Projections.Items;
using FairDraw.Projections.Plans;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Plans;

/// <summary>
/// How many items of one list the plans cover ("91 / 91"), and which they leave out. A list is reported when it is in
/// force for the year (<see cref="InForce"/>: the newest list published by the end of the year by each jurisdiction
/// that covers the one asked about), so a year without plans reads "0 / 91", and when a filed plan names it.
/// </summary>
public sealed record ItemCoverage(
    string ItemListJurisdiction, string ItemListVersion, bool InForce, int Items, int Covered, string Summary, IReadOnlyList<string> Uncovered);

/// <summary>
/// One stratum of one jurisdiction: the ratios planned for it, the enterprises the plans' 3% basis counted in it and
/// their expected sample, and what the executed draws took: Σ n_h of Σ N_h.
/// </summary>
/// <remarks>
/// The planned and the drawn figures do not count the same population. <see cref="PlannedEnterprises"/> and
/// <see cref="PlannedEnterpriseSample"/> count <b>enterprises only</b> (企业, the 3% rule's base), in the task's pool as
/// of the plan's census. <see cref="DrawnPool"/> and <see cref="DrawnSample"/> count <b>every entity in the frozen
/// pools</b> of the executed draws: all of <see cref="DrawnEntityTypes"/> (e.g. 个体工商户 too, when a task's items name
/// them), at each freeze's position, without the entities a task excluded as already inspected this year. So
/// <see cref="DrawnPercent"/> is the share drawn of those pools, not an enterprise sampling rate.
/// </remarks>
public sealed record StratumCoverage(
    string Jurisdiction,
    string Stratum,
    IReadOnlyList<string> PlannedRatios,
    int Tasks,
    long PlannedEnterprises,
    long PlannedEnterpriseSample,
    int ExecutedTasks,
    IReadOnlyList<EntityType> DrawnEntityTypes,
    long DrawnPool,
    long DrawnSample,
    double? DrawnPercent);

/// <summary>How many tasks stand in one draw state ("Planned": not frozen yet).</summary>
public sealed record TaskStateCount(string State, int Tasks);

/// <summary>Where the figures that follow coverage are read: the results of the same year and jurisdiction.</summary>
public sealed record CoverageLinks(string Results);

/// <summary>
/// Coverage of a year's plans in a jurisdiction and the districts it covers. Plans count once filed (备案) at least
/// once; drafts are only counted in <see cref="DraftPlans"/>.
/// </summary>
public sealed record CoverageStatistics(
    int Year,
    string Jurisdiction,
    int Plans,
    int DraftPlans,
    IReadOnlyList<ItemCoverage> Items,
    IReadOnlyList<StratumCoverage> Strata,
    IReadOnlyList<TaskStateCount> Tasks,
    CoverageLinks Links);

public static class CoverageStatisticsEndpoint
{
    public const string PlannedState = "Planned";

    /// <summary>
    /// Item coverage (every active item of the lists in force for the year, and of the lists the plans name, covered by
    /// some task; a district is not asked to cover city-coordinated items), planned enterprises against drawn pools per
    /// jurisdiction and stratum, and tasks by draw state.
    /// </summary>
    [WolverineGet("/api/statistics/coverage", Name = "PlanCoverage")]
    public static async Task<CoverageStatistics> Get(int? year, string? jurisdiction, IQuerySession session)
    {
        var y = year ?? throw DomainException.Invalid("year", "请指定年度 / year is required");
        var scope = DivisionCode.Parse(jurisdiction);
        var prefix = scope.CoveredPrefix;
        var plans = await session.Query<PlanView>().Where(x => x.Year == y && x.Jurisdiction.StartsWith(prefix)).OrderBy(x => x.Id).ToListAsync();
        var filed = plans.Where(plan => plan.Filings.Length > 0).ToList();
        var taskIds = filed.SelectMany(plan => plan.Tasks.Select(task => $"{plan.Id}-{task.Code}")).ToList();
        var draws = taskIds.Count == 0
            ? new Dictionary<string, TaskDrawView>()
            : (await session.LoadManyAsync<TaskDrawView>([.. taskIds])).ToDictionary(view => view.Id);

        return new CoverageStatistics(
            y,
            scope.Value,
            filed.Count,
            plans.Count - filed.Count,
            await ItemsAsync(session, y, scope, filed),
            Strata(filed, draws),
            States(taskIds, draws),
            new CoverageLinks($"{ResultStatisticsEndpoint.Path}?year={y}&jurisdiction={scope.Value}"));
    }

    private static async Task<IReadOnlyList<ItemCoverage>> ItemsAsync(IQuerySession session, int year, DivisionCode scope, IReadOnlyList<PlanView> plans)
    {
        var issuers = Issuers(scope);
        var published = await session.Query<ItemListView>().Where(view => view.Published && view.Jurisdiction.IsOneOf(issuers)).ToListAsync();
        var inForce = InForce(year, scope, published);
        var named = plans.Select(plan => ItemListId.Parse(plan.ItemListJurisdiction, plan.ItemListVersion));
        var coverage = new List<ItemCoverage>();
        var lists = inForce.Select(list => ItemListId.Parse(list.Jurisdiction, list.Version)).Concat(named).Distinct()
            .OrderBy(id => id.Jurisdiction.Value, StringComparer.Ordinal)
            .ThenBy(id => id.Version, StringComparer.Ordinal);
        foreach (var id in lists)
        {
            var list = inForce.FirstOrDefault(view => view.Id == id.StreamKey) ?? await ItemListReads.CurrentAsync(session, id);
            coverage.Add(Covered(scope, id, list, inForce.Any(view => view.Id == id.StreamKey), plans));
        }

        return coverage;
    }

    /// <summary>
    /// How many of <paramref name="list"/>'s active items the tasks of <paramref name="plans"/> that name it cover (a
    /// district is not asked to cover city-coordinated items), and which they leave out.
    /// </summary>
    public static ItemCoverage Covered(DivisionCode scope, ItemListId id, ItemListView? list, bool inForce, IReadOnlyList<PlanView> plans)
    {
        var district = !scope.IsCity && !scope.IsProvince;
        var planned = plans.Where(plan => plan.ItemListJurisdiction == id.Jurisdiction.Value && plan.ItemListVersion == id.Version)
            .SelectMany(plan => plan.Tasks).SelectMany(task => task.ItemCodes).ToHashSet(StringComparer.Ordinal);
        var due = (list?.Items ?? [])
            .Where(item => item.Status == ItemStatus.Active && !(district && item.Level == ItemLevel.CityCoordinated))
            .Select(item => item.Code)
            .ToList();
        var covered = due.Count(planned.Contains);
        return new ItemCoverage(
            id.Jurisdiction.Value, id.Version, inForce, due.Count, covered, $"{covered} / {due.Count}", [.. due.Where(code => !planned.Contains(code))]);
    }

    /// <summary>The jurisdictions whose lists apply in <paramref name="scope"/>: its province, its city, itself.</summary>
    private static string[] Issuers(DivisionCode scope) => [.. new[] { scope.Value[..2] + "0000", scope.Value[..4] + "00", scope.Value }.Distinct()];

    /// <summary>
    /// The item lists in force in <paramref name="scope"/> for <paramref name="year"/> among <paramref name="published"/>:
    /// of each jurisdiction whose lists apply there (<see cref="Issuers"/>), the list published last before the year
    /// ended (Beijing time). A list stays in force until a newer one is published, so a year whose list has not been
    /// published yet is measured against the previous year's.
    /// </summary>
    public static IReadOnlyList<ItemListView> InForce(int year, DivisionCode scope, IEnumerable<ItemListView> published)
    {
        var yearEnd = BeijingTime.StartOf(new LocalDate(checked(year + 1), 1, 1));
        var issuers = Issuers(scope);
        return [.. published
            .Where(view => view.Published && issuers.Contains(view.Jurisdiction) && view.PublishedAt is { } at && at < yearEnd)
            .GroupBy(view => view.Jurisdiction, StringComparer.Ordinal)
            .Select(byIssuer => byIssuer.OrderByDescending(view => view.PublishedAt).ThenByDescending(view => view.Version, StringComparer.Ordinal).First())];
    }

    /// <summary>Planned enterprises against drawn pools per jurisdiction and stratum, over the filed <paramref name="plans"/>.</summary>
    public static List<StratumCoverage> Strata(IReadOnlyList<PlanView> plans, IReadOnlyDictionary<string, TaskDrawView> draws)
    {
        var rows = new SortedDictionary<(string Jurisdiction, string Stratum), StratumCoverage>(Comparer<(string Jurisdiction, string Stratum)>.Create((a, b) =>
            string.CompareOrdinal(a.Jurisdiction, b.Jurisdiction) is var byJurisdiction and not 0 ? byJurisdiction : string.CompareOrdinal(a.Stratum, b.Stratum)));
        foreach (var plan in plans)
        {
            foreach (var task in plan.Tasks)
            {
                var basis = plan.Basis.Tasks.FirstOrDefault(b => b.Code == task.Code);
                var executed = draws.GetValueOrDefault($"{plan.Id}-{task.Code}") is { State: DrawState.Executed or DrawState.Assigned } view ? view : null;
                foreach (var stratum in task.Strata)
                {
                    var key = (plan.Jurisdiction, stratum.Stratum);
                    var row = rows.GetValueOrDefault(key) ?? new StratumCoverage(plan.Jurisdiction, stratum.Stratum, [], 0, 0, 0, 0, [], 0, 0, null);
                    var planned = basis?.Strata.FirstOrDefault(s => s.Stratum == stratum.Stratum);
                    var drawn = executed?.Strata.FirstOrDefault(s => s.Stratum == stratum.Stratum);
                    row = row with
                    {
                        PlannedRatios = row.PlannedRatios.Contains(stratum.Ratio) ? row.PlannedRatios : [.. row.PlannedRatios, stratum.Ratio],
                        Tasks = row.Tasks + 1,
                        PlannedEnterprises = row.PlannedEnterprises + (planned?.Enterprises ?? 0),
                        PlannedEnterpriseSample = row.PlannedEnterpriseSample + (planned?.Sample ?? 0),
                        ExecutedTasks = row.ExecutedTasks + (executed is null ? 0 : 1),
                        DrawnEntityTypes = executed is null || basis is null
                            ? row.DrawnEntityTypes
                            : [.. row.DrawnEntityTypes.Union(new ValidatedTask(task, basis.ItemObjectTypes).PoolTypes).Order()],
                        DrawnPool = row.DrawnPool + (drawn?.PoolSize ?? 0),
                        DrawnSample = row.DrawnSample + (drawn?.SampleSize ?? 0),
                    };
                    rows[key] = row;
                }
            }
        }

        return [.. rows.Values.Select(row => row with
        {
            DrawnPercent = row.DrawnPool == 0 ? null : Math.Round(100.0 * row.DrawnSample / row.DrawnPool, 2),
        })];
    }

    private static List<TaskStateCount> States(IReadOnlyList<string> taskIds, IReadOnlyDictionary<string, TaskDrawView> draws)
    {
        var states = taskIds.Select(id => draws.TryGetValue(id, out var view) ? view.State.ToString() : PlannedState).ToList();
        return [.. new[] { PlannedState }.Concat(Enum.GetNames<DrawState>()).Select(state => new TaskStateCount(state, states.Count(s => s == state)))];
    }
}
