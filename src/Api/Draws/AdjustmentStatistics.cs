using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Projections.Draws;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Draws;

/// <summary>
/// One official's adjustments of draws in a year: how many draws they ran to assignment, how many substitutions and
/// reassignments they made (manual ones, 合理调整, counted apart) and how many they approved; the rounds they set aside
/// and the set-asides they approved (redraws), and the lapsed rounds they had committed.
/// </summary>
public sealed record OfficialAdjustments(
    string Official,
    int DrawsAssigned,
    int Substitutions,
    int Reassignments,
    int ManualReassignments,
    int Approved,
    int RoundsSetAside = 0,
    int SetAsidesApproved = 0,
    int Lapses = 0);

/// <summary>One task's rounds in a year: how many, and how many were set aside, lapsed or superseded (docs/draw-protocol.md §13.1).</summary>
public sealed record TaskRounds(string TaskId, int Rounds, int SetAside, int Lapsed, int Superseded);

public static class AdjustmentStatisticsEndpoint
{
    /// <summary>
    /// Per-official adjustment figures for the tasks of a year inside a jurisdiction (a city covers its districts): the
    /// statistic discipline inspection watches for officials who substitute, reassign or redraw unusually often.
    /// </summary>
    [WolverineGet("/api/statistics/draw-adjustments", Name = "DrawAdjustmentStatistics")]
    public static async Task<IReadOnlyList<OfficialAdjustments>> Get(int year, string jurisdiction, IQuerySession session, IClock clock)
    {
        var views = await ViewsAsync(year, jurisdiction, session);
        var rounds = await RoundsAsync(views, session, clock.GetCurrentInstant());
        var setAside = rounds.Select(round => round.Round.SetAside).OfType<RoundSetAside>()
            .Select(aside => new AdjustmentRecord(aside.Round, "set-aside", "", aside.SetAsideBy, aside.ApprovedBy));
        var lapsedBy = rounds.Where(round => round.State == RoundState.Lapsed).Select(round => round.Round.Commitment!.CommittedBy);
        return Tally(
            [.. views.SelectMany(view => view.AssignedBy)], [.. views.SelectMany(view => view.Adjustments)], [.. setAside], [.. lapsedBy]);
    }

    /// <summary>
    /// The one count of the per-official figures: from who assigned each round, every substitution and reassignment,
    /// every set-aside (<see cref="AdjustmentRecord.By"/> set it aside, <see cref="AdjustmentRecord.ApprovedBy"/>
    /// countersigned) and who committed each lapsed round; most adjustments first.
    /// </summary>
    public static IReadOnlyList<OfficialAdjustments> Tally(
        IReadOnlyList<string> assigners,
        IReadOnlyList<AdjustmentRecord> adjustments,
        IReadOnlyList<AdjustmentRecord> setAside,
        IReadOnlyList<string> lapsedBy)
    {
        var officials = adjustments.Select(a => a.By).Concat(adjustments.Select(a => a.ApprovedBy)).Concat(assigners)
            .Concat(setAside.Select(aside => aside.By)).Concat(setAside.Select(aside => aside.ApprovedBy)).Concat(lapsedBy)
            .Distinct(StringComparer.Ordinal);
        return [.. officials
            .Select(official => new OfficialAdjustments(
                official,
                assigners.Count(by => by == official),
                adjustments.Count(a => a.By == official && a.Kind == "substitution"),
                adjustments.Count(a => a.By == official && a.Kind == "reassignment"),
                adjustments.Count(a => a.By == official && a.Rule == ReassignmentRules.Manual),
                adjustments.Count(a => a.ApprovedBy == official),
                setAside.Count(aside => aside.By == official),
                setAside.Count(aside => aside.ApprovedBy == official),
                lapsedBy.Count(by => by == official)))
            .OrderByDescending(row => row.Substitutions + row.Reassignments + row.RoundsSetAside + row.Lapses)
            .ThenBy(row => row.Official, StringComparer.Ordinal)];
    }

    /// <summary>Per task of a year inside a jurisdiction: its rounds and how many ended set aside, lapsed or superseded.</summary>
    [WolverineGet("/api/statistics/draw-adjustments/tasks", Name = "DrawRoundStatistics")]
    public static async Task<IReadOnlyList<TaskRounds>> GetTasks(int year, string jurisdiction, IQuerySession session, IClock clock)
    {
        var rounds = await RoundsAsync(await ViewsAsync(year, jurisdiction, session), session, clock.GetCurrentInstant());
        return [.. rounds
            .GroupBy(round => round.TaskId, StringComparer.Ordinal)
            .Select(task => new TaskRounds(
                task.Key,
                task.Count(),
                task.Count(round => round.State == RoundState.SetAside),
                task.Count(round => round.State == RoundState.Lapsed),
                task.Count(round => round.State == RoundState.Superseded)))
            .OrderBy(task => task.TaskId, StringComparer.Ordinal)];
    }

    private static async Task<IReadOnlyList<TaskDrawView>> ViewsAsync(int year, string jurisdiction, IQuerySession session)
    {
        var prefix = DivisionCode.Parse(jurisdiction).CoveredPrefix;
        return await session.Query<TaskDrawView>().Where(view => view.Year == year && view.Jurisdiction.StartsWith(prefix)).ToListAsync();
    }

    /// <summary>Every round of the viewed tasks with its state now, read from the task streams (a state is derived, not projected).</summary>
    private static async Task<IReadOnlyList<(string TaskId, DrawRound Round, RoundState State)>> RoundsAsync(
        IReadOnlyList<TaskDrawView> views, IQuerySession session, Instant now)
    {
        var rounds = new List<(string, DrawRound, RoundState)>();
        foreach (var view in views)
        {
            if ((await TaskDraws.LoadAsync(session, view.Id)).State is { } draw)
            {
                rounds.AddRange(draw.Rounds.Select(round => (view.Id, round, RoundStates.Of(draw, round, now))));
            }
        }

        return rounds;
    }
}
