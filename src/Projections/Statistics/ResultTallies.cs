using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using JasperFx.Events;
using Marten;
using NodaTime;

namespace FairDraw.Projections.Statistics;

/// <summary>The counted streams of a year's tasks in a jurisdiction, now (the projection) or replayed up to a past moment.</summary>
public static class ResultTallies
{
    /// <summary>The projection's documents: an indexed read (year, jurisdiction), no event is read.</summary>
    public static async Task<IReadOnlyList<ResultTallyView>> CurrentAsync(
        IQuerySession session, int year, DivisionCode scope, CancellationToken cancellation)
    {
        var prefix = scope.CoveredPrefix;
        return await session.Query<ResultTallyView>()
            .Where(view => view.Year == year && view.Jurisdiction.StartsWith(prefix))
            .ToListAsync(cancellation);
    }

    /// <summary>
    /// The same documents folded from the events themselves: every event of the year's task, result and follow-up
    /// streams in <paramref name="scope"/> up to <paramref name="position"/> (inclusive) and, when given, that <paramref
    /// name="holds"/> (an instant compared at the events' own precision). Also the newest instant folded, if any.
    /// </summary>
    public static async Task<(IReadOnlyList<ResultTallyView> Views, Instant? Latest)> ReplayAsync(
        IQuerySession session, int year, DivisionCode scope, long? position, Func<IEvent, bool> holds, CancellationToken cancellation)
    {
        var task = $"{StreamKeys.TaskPrefix}{year}-{scope.CoveredPrefix}";
        var result = $"{StreamKeys.ResultPrefix}{year}-{scope.CoveredPrefix}";
        var followUp = $"{StreamKeys.FollowUpPrefix}{year}-{scope.CoveredPrefix}";
        var upTo = position ?? long.MaxValue;
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => (e.StreamKey!.StartsWith(task) || e.StreamKey!.StartsWith(result) || e.StreamKey!.StartsWith(followUp))
                && e.Sequence <= upTo)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellation);
        var views = new Dictionary<string, ResultTallyView>(StringComparer.Ordinal);
        Instant? latest = null;
        foreach (var e in events.Where(holds))
        {
            if (ResultTallyView.TaskOf(e.StreamKey) is not { } taskId)
            {
                continue;
            }

            if (!views.TryGetValue(e.StreamKey!, out var view))
            {
                views[e.StreamKey!] = view = ResultTallyView.Start(e.StreamKey!, taskId);
            }

            view.Apply(e);
            var at = ((IAttributedEvent)e.Data).OccurredAt;
            latest = latest is { } before && before > at ? before : at;
        }

        return ([.. views.Values], latest);
    }
}
