using FairDraw.Ledger.Access;
using FairDraw.Projections.Draws;
using Marten;
using Wolverine.Http;

namespace FairDraw.Api.Draws;

/// <summary>
/// One official's adjustments of draws in a year: how many draws they ran to assignment, how many substitutions and
/// reassignments they made (manual ones, 合理调整, counted apart) and how many they approved.
/// </summary>
public sealed record OfficialAdjustments(string Official, int DrawsAssigned, int Substitutions, int Reassignments, int ManualReassignments, int Approved);

public static class AdjustmentStatisticsEndpoint
{
    /// <summary>
    /// Per-official adjustment figures for the tasks of a year inside a jurisdiction (a city covers its districts): the
    /// statistic discipline inspection watches for officials who substitute or reassign unusually often.
    /// </summary>
    [WolverineGet("/api/statistics/draw-adjustments", Name = "DrawAdjustmentStatistics")]
    public static async Task<IReadOnlyList<OfficialAdjustments>> Get(int year, string jurisdiction, IQuerySession session)
    {
        var prefix = DivisionCode.Parse(jurisdiction).CoveredPrefix;
        var views = await session.Query<TaskDrawView>().Where(view => view.Year == year && view.Jurisdiction.StartsWith(prefix)).ToListAsync();
        var assigners = views.SelectMany(view => view.AssignedBy).ToList();
        var adjustments = views.SelectMany(view => view.Adjustments).ToList();
        var officials = adjustments.Select(a => a.By).Concat(adjustments.Select(a => a.ApprovedBy)).Concat(assigners).Distinct(StringComparer.Ordinal);
        return [.. officials
            .Select(official => new OfficialAdjustments(
                official,
                assigners.Count(by => by == official),
                adjustments.Count(a => a.By == official && a.Kind == "substitution"),
                adjustments.Count(a => a.By == official && a.Kind == "reassignment"),
                adjustments.Count(a => a.By == official && a.Rule == Ledger.Draws.ReassignmentRules.Manual),
                adjustments.Count(a => a.ApprovedBy == official)))
            .OrderByDescending(row => row.Substitutions + row.Reassignments)
            .ThenBy(row => row.Official, StringComparer.Ordinal)];
    }
}
