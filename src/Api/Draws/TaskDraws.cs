using FairDraw.Ledger;
using FairDraw.Ledger.Draws;
using FairDraw.Projections.Storage;
using JasperFx.Events;
using Marten;

namespace FairDraw.Api.Draws;

/// <summary>A task's draw stream: the folded state, the stream version it was folded at, and the events themselves.</summary>
public sealed record LoadedDraw(TaskDraw? State, long Version, IReadOnlyList<IEvent> Events) : IStreamVersion
{
    long IStreamVersion.StreamVersion => Version;

    public TaskDraw Existing(string taskId) =>
        State ?? throw DomainException.NotFound("taskId", $"任务{taskId}尚无摇号记录 / task {taskId} has no draw yet");
}

public static class TaskDraws
{
    /// <summary>Folds the task's stream; with <paramref name="upToSequence"/> only the events at or before that ledger position.</summary>
    public static async Task<LoadedDraw> LoadAsync(IQuerySession session, string taskId, long? upToSequence = null)
    {
        var events = (await session.Events.FetchStreamAsync(StreamKeys.Task(taskId)))
            .Where(e => upToSequence is not { } position || e.Sequence <= position)
            .ToList();
        var state = events.Aggregate((TaskDraw?)null, (folded, e) => TaskDraw.Evolve(folded, e.Data));
        return new LoadedDraw(state, events.Count == 0 ? 0 : events[^1].Version, events);
    }
}
