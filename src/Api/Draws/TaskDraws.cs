using System.Collections.Concurrent;
using FairDraw.Ledger;
using FairDraw.Ledger.Draws;
using FairDraw.Projections.Storage;
using JasperFx.Events;
using Marten;

namespace FairDraw.Api.Draws;

/// <summary>A task's draw stream: the folded state, the stream version it was folded at, and the events themselves.</summary>
public sealed record LoadedDraw(TaskDraw? State, long Version, IReadOnlyList<IEvent> Events) : IStreamVersion
{
    private readonly Lazy<AssignmentBook?> _book = new(() => State is null ? null : AssignmentBook.Of(State.Current));

    long IStreamVersion.StreamVersion => Version;

    /// <summary>The current round's assignment book, built once per fold, so that a kept fold (CurrentDraws) keeps it too.</summary>
    public AssignmentBook? Book => _book.Value;

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

/// <summary>
/// Task draws folded once and reused while their stream still ends with the same event (its id, unique for ever): an
/// assigned round's stream holds megabytes of selection and assignments (about 2.4 MB for 6,000 objects), which every
/// result write would otherwise read and fold again. A fold is as true as a fresh read at the moment the head is read.
/// </summary>
public sealed class CurrentDraws
{
    /// <summary>How many tasks' folds are kept; past it they are all dropped and folded again when next asked for.</summary>
    private const int Kept = 64;

    private readonly ConcurrentDictionary<string, LoadedDraw> _kept = new(StringComparer.Ordinal);

    public async Task<LoadedDraw> LoadAsync(IQuerySession session, string taskId, CancellationToken cancellation = default)
    {
        var head = await StreamHeads.NewestAsync(session, StreamKeys.Task(taskId), cancellation);
        if (head is null)
        {
            return new LoadedDraw(null, 0, []);
        }

        if (_kept.TryGetValue(taskId, out var kept) && kept.Events[^1].Id == head)
        {
            return kept;
        }

        var loaded = await TaskDraws.LoadAsync(session, taskId);
        if (loaded.Events.Count > 0)
        {
            if (_kept.Count >= Kept)
            {
                _kept.Clear();
            }

            _kept[taskId] = loaded;
        }

        return loaded;
    }
}
