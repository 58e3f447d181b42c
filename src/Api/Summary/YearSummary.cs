using FairDraw.Api.Draws;
using FairDraw.Api.InspectionResults;
using FairDraw.Api.Plans;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Statistics;
using FairDraw.Projections.Summary;
using NodaTime;

namespace FairDraw.Api.Summary;

/// <summary>
/// The year-end summary (年度总结, §三.五) of a jurisdiction: a row per jurisdiction whose plans, tasks or results it
/// covers (the city's own beside its districts) and, for a city or province, its total. Each figure is defined once,
/// in docs/summary.md.
/// </summary>
public sealed record YearSummary(int Year, string Jurisdiction, LocalDate MeasuredOn, IReadOnlyList<SummaryRow> Rows);

/// <summary>One jurisdiction's (or the total's) figures.</summary>
public sealed record SummaryRow(
    string Jurisdiction,
    bool Total,
    SummaryCoverage Coverage,
    SummarySample Sample,
    ResultFigures? Results,
    int ExemptionsFiled,
    int ExemptionsAcknowledged,
    double? FollowUpClosurePercent,
    IReadOnlyList<OfficialSummary> Officials);

/// <summary>
/// Items of the lists in force and how many the filed plans' tasks cover (each list as the coverage statistics give it).
/// </summary>
public sealed record SummaryCoverage(int Items, int Covered, double? Percent, IReadOnlyList<ItemCoverage> Lists);

/// <summary>
/// The filed plans' 3% basis (existing enterprises and the expected enterprise sample they recorded) and the sample the
/// executed draws took (Σ n_h, every entity type of their pools), each as a share of those existing enterprises.
/// </summary>
public sealed record SummarySample(
    int Plans, long ExistingEnterprises, long PlannedSample, double? PlannedPercent, long DrawnSample, double? DrawnPercent);

/// <summary>One official's adjustments of the year's draws, as /api/statistics/draw-adjustments counts them (lapses apart).</summary>
public sealed record OfficialSummary(
    string Official,
    int DrawsAssigned,
    int Substitutions,
    int Reassignments,
    int ManualReassignments,
    int AdjustmentsApproved,
    int RoundsSetAside,
    int SetAsidesApproved);

public static class YearSummaries
{
    /// <summary>
    /// The summary of <paramref name="year"/> in <paramref name="scope"/> from <paramref name="sources"/> (the projections,
    /// or a replay of the events), follow-up ages measured on <paramref name="today"/>: every figure is one of the
    /// existing statistics' (coverage, result statistics, draw adjustments) or a ratio of two of them.
    /// </summary>
    public static YearSummary Compute(int year, DivisionCode scope, SummarySources sources, LocalDate today)
    {
        var filed = sources.Plans.Where(plan => plan.Filings.Length > 0).ToList();
        var drawsById = sources.Draws.ToDictionary(draw => draw.Id, StringComparer.Ordinal);
        var tasks = sources.Tallies.Select(view => view.Draw).OfType<DrawnObjects>().ToList();
        var departments = ResultStatisticsEndpoint.ResponsibleDepartments(sources.Plans, sources.Lists);
        var results = ResultStatistics.ComputePerJurisdiction(
            scope,
            tasks,
            [.. sources.Tallies.Select(view => view.Result).OfType<ResultMark>()],
            [.. sources.Tallies.Select(view => view.FollowUp).OfType<FollowUp>()],
            (task, itemCode) => ResultStatisticsEndpoint.DepartmentOf(departments, task, itemCode),
            today);

        // A district is always reported; a city or province reports each jurisdiction it covers that has plans or draws, and its total.
        var several = scope.IsCity || scope.IsProvince;
        var codes = filed.Select(plan => plan.Jurisdiction).Concat(sources.Draws.Select(draw => draw.Jurisdiction))
            .Concat(tasks.Select(task => task.Jurisdiction));
        var rows = (several ? codes : codes.Append(scope.Value))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(code => (Code: DivisionCode.Parse(code), Total: false));
        rows = several ? rows.Append((scope, true)) : rows;
        return new YearSummary(year, scope.Value, today, [.. rows.Select(row =>
        {
            bool Within(string jurisdiction) =>
                row.Total ? row.Code.Covers(DivisionCode.Parse(jurisdiction)) : jurisdiction == row.Code.Value;
            return Row(
                year,
                row.Code,
                row.Total,
                [.. filed.Where(plan => Within(plan.Jurisdiction))],
                [.. sources.Draws.Where(draw => Within(draw.Jurisdiction))],
                drawsById,
                sources,
                results.FirstOrDefault(figures => figures.Jurisdiction == row.Code.Value && figures.Total == row.Total));
        })]);
    }

    private static SummaryRow Row(
        int year,
        DivisionCode jurisdiction,
        bool total,
        IReadOnlyList<Projections.Plans.PlanView> plans,
        IReadOnlyList<Projections.Draws.TaskDrawView> draws,
        IReadOnlyDictionary<string, Projections.Draws.TaskDrawView> drawsById,
        SummarySources sources,
        ResultFigures? results)
    {
        var lists = CoverageStatisticsEndpoint.InForce(year, jurisdiction, sources.Lists)
            .Select(list => CoverageStatisticsEndpoint.Covered(
                jurisdiction, ItemListId.Parse(list.Jurisdiction, list.Version), list, true, plans))
            .OrderBy(list => list.ItemListJurisdiction, StringComparer.Ordinal)
            .ToList();
        var items = lists.Sum(list => list.Items);
        var covered = lists.Sum(list => list.Covered);

        var existing = plans.Sum(plan => plan.Basis.ExistingEnterprises);
        var planned = plans.Sum(plan => plan.Basis.ExpectedSample);
        var drawn = CoverageStatisticsEndpoint.Strata(plans, drawsById).Sum(stratum => stratum.DrawnSample);

        var officials = AdjustmentStatisticsEndpoint.Tally(
            [.. draws.SelectMany(draw => draw.AssignedBy)],
            [.. draws.SelectMany(draw => draw.Adjustments)],
            [.. draws.SelectMany(draw => draw.SetAsides)],
            []);
        return new SummaryRow(
            jurisdiction.Value,
            total,
            new SummaryCoverage(items, covered, ResultStatistics.Percent(covered, items), lists),
            new SummarySample(
                plans.Count,
                existing,
                planned,
                ResultStatistics.Percent(planned, existing),
                drawn,
                ResultStatistics.Percent(drawn, existing)),
            results,
            (results?.ExemptionsPending ?? 0) + (results?.Exempted ?? 0),
            results?.Exempted ?? 0,
            results is null ? null : ResultStatistics.Percent(results.FollowUpsClosed, results.FollowUpsOpened),
            [.. officials.Select(official => new OfficialSummary(
                official.Official,
                official.DrawsAssigned,
                official.Substitutions,
                official.Reassignments,
                official.ManualReassignments,
                official.Approved,
                official.RoundsSetAside,
                official.SetAsidesApproved))]);
    }
}
