using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Draws;
using FairDraw.Projections.Items;
using FairDraw.Projections.Plans;
using FairDraw.Projections.Statistics;
using Marten;

namespace FairDraw.Projections.Summary;

/// <summary>
/// What the year-end summary (年度总结) is computed from, for a year and the jurisdictions a scope covers: the published
/// item lists, the year's plans, its tasks' draw views and its result tallies.
/// </summary>
public sealed record SummarySources(
    IReadOnlyList<ItemListView> Lists,
    IReadOnlyList<PlanView> Plans,
    IReadOnlyList<TaskDrawView> Draws,
    IReadOnlyList<ResultTallyView> Tallies)
{
    /// <summary>The projections' documents: indexed reads, no event is read.</summary>
    public static async Task<SummarySources> CurrentAsync(
        IQuerySession session, int year, DivisionCode scope, CancellationToken cancellation)
    {
        var prefix = scope.CoveredPrefix;
        var lists = await session.Query<ItemListView>().Where(view => view.Published).ToListAsync(cancellation);
        var plans = await session.Query<PlanView>().Where(view => view.Year == year && view.Jurisdiction.StartsWith(prefix))
            .ToListAsync(cancellation);
        var draws = await session.Query<TaskDrawView>().Where(view => view.Year == year && view.Jurisdiction.StartsWith(prefix))
            .ToListAsync(cancellation);
        var tallies = await ResultTallies.CurrentAsync(session, year, scope, cancellation);
        return new SummarySources([.. lists], [.. plans], [.. draws], tallies);
    }

    /// <summary>
    /// The same documents folded from every event of the item list, plan and task streams (and, through <see
    /// cref="ResultTallies.ReplayAsync"/>, the result and follow-up streams) with the projections' own folds, in ledger
    /// order: what the summary's figures must equal.
    /// </summary>
    public static async Task<SummarySources> ReplayAsync(
        IQuerySession session, int year, DivisionCode scope, CancellationToken cancellation)
    {
        var plan = $"{StreamKeys.PlanPrefix}{year}-{scope.CoveredPrefix}";
        var task = $"{StreamKeys.TaskPrefix}{year}-{scope.CoveredPrefix}";
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamKey!.StartsWith(StreamKeys.ItemListPrefix)
                || e.StreamKey!.StartsWith(plan)
                || e.StreamKey!.StartsWith(task))
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellation);
        var lists = events.Where(e => e.StreamKey!.StartsWith(StreamKeys.ItemListPrefix, StringComparison.Ordinal))
            .GroupBy(e => e.StreamKey!)
            .Select(stream => ItemListView.Project(null, stream))
            .Where(view => view.Published);
        var plans = events.Where(e => e.StreamKey!.StartsWith(plan, StringComparison.Ordinal))
            .GroupBy(e => e.StreamKey!)
            .Select(stream => PlanView.From(
                stream.Aggregate((Plan?)null, (state, e) => Plan.Evolve(state, e.Data))!, stream.Last().Version));
        var draws = new Dictionary<string, TaskDrawView>(StringComparer.Ordinal);
        foreach (var e in events.Where(e => e.StreamKey!.StartsWith(task, StringComparison.Ordinal)))
        {
            var taskId = e.StreamKey![StreamKeys.TaskPrefix.Length..];
            var view = draws.GetValueOrDefault(taskId) ?? (draws[taskId] = new TaskDrawView { Id = taskId });
            TaskDrawViewProjection.Apply(view, e.Data);
            view.Version = e.Version;
        }

        var (tallies, _) = await ResultTallies.ReplayAsync(session, year, scope, null, _ => true, cancellation);
        return new SummarySources([.. lists], [.. plans], [.. draws.Values], tallies);
    }
}
