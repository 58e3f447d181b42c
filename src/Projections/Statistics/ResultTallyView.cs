using FairDraw.Ledger;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Statistics;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace FairDraw.Projections.Statistics;

/// <summary>
/// What the result statistics keep of one task, result or follow-up stream (id: the stream key), with the year and
/// jurisdiction of its task (from the task id) for the statistics' query. One document per stream, so that writes to
/// different streams of one task never contend for a document.
/// </summary>
public sealed class ResultTallyView
{
    public string Id { get; set; } = "";

    public int Year { get; set; }

    public string Jurisdiction { get; set; } = "";

    public DrawnObjects? Draw { get; set; }

    public ResultMark? Result { get; set; }

    public FollowUp? FollowUp { get; set; }

    public long Version { get; set; }

    /// <summary>The task a counted stream belongs to; null for the streams the statistics do not count.</summary>
    public static string? TaskOf(string? streamKey) => streamKey switch
    {
        null => null,
        _ when streamKey.StartsWith(StreamKeys.TaskPrefix, StringComparison.Ordinal) => streamKey[StreamKeys.TaskPrefix.Length..],
        _ when streamKey.StartsWith(StreamKeys.ResultPrefix, StringComparison.Ordinal) =>
            FirstPart(streamKey[StreamKeys.ResultPrefix.Length..]),
        _ when streamKey.StartsWith(StreamKeys.FollowUpPrefix, StringComparison.Ordinal) =>
            FirstPart(streamKey[StreamKeys.FollowUpPrefix.Length..]),
        _ => null,
    };

    /// <summary>An empty view of <paramref name="streamKey"/>, a stream of <paramref name="taskId"/>.</summary>
    public static ResultTallyView Start(string streamKey, string taskId)
    {
        var (plan, _) = PlanId.ParseTask(taskId);
        return new ResultTallyView { Id = streamKey, Year = plan.Year, Jurisdiction = plan.Jurisdiction.Value };
    }

    /// <summary>Folds one event of the stream: the one fold both the projection and the replay run.</summary>
    public void Apply(IEvent e)
    {
        Draw = DrawnObjects.Evolve(Draw, e.Data);
        Result = ResultMark.Evolve(Result, e.Data);
        FollowUp = Ledger.FollowUps.FollowUp.Evolve(FollowUp, e.Data);
        Version = e.Version;
    }

    private static string? FirstPart(string rest) => rest.IndexOf(':', StringComparison.Ordinal) is > 0 and var end ? rest[..end] : null;
}

/// <summary>Keeps <see cref="ResultTallyView"/> current from each counted stream's new events (inline).</summary>
public sealed class ResultTallyProjection : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var streams = events.Where(e => ResultTallyView.TaskOf(e.StreamKey) is not null).GroupBy(e => e.StreamKey!).ToList();
        if (streams.Count == 0)
        {
            return;
        }

        var current = (await operations.LoadManyAsync<ResultTallyView>(cancellation, [.. streams.Select(s => s.Key)]))
            .ToDictionary(v => v.Id);
        foreach (var stream in streams)
        {
            var view = current.GetValueOrDefault(stream.Key) ?? ResultTallyView.Start(stream.Key, ResultTallyView.TaskOf(stream.Key)!);
            if (ConcurrentAppends.Overtaken(view.Version, stream))
            {
                continue;
            }

            foreach (var e in stream.OrderBy(e => e.Version))
            {
                view.Apply(e);
            }

            operations.Store(view);
        }
    }
}
