using FairDraw.Ledger.Draws;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Results;

namespace FairDraw.Ledger.Duty;

/// <summary>A content of the plan (drafted, revised or adjusted) and the event that set it.</summary>
public sealed record PlanVersion(DutyEvent Source, IReadOnlyList<SamplingTaskSpec> Tasks, PlanBasis Basis, string ListJurisdiction, string ListVersion);

/// <summary>A task's draw folded from its stream, with the events of each round.</summary>
public sealed record DutyTask(string TaskId, TaskDraw Draw, IReadOnlyList<DutyEvent> Events)
{
    public IEnumerable<DutyEvent> RoundEvents(int round) => Events.Where(e => ((IDrawEvent)e.Data).Round == round);

    /// <summary>The highest round with an execution; null when none was executed.</summary>
    public DrawRound? NewestExecuted => Draw.Rounds.LastOrDefault(round => round.Execution is not null);
}

/// <summary>A result or follow-up stream folded, with its events.</summary>
public sealed record DutyStream<T>(string Stream, T State, IReadOnlyList<DutyEvent> Events);

/// <summary>
/// The streams of one report's scope (docs/duty-report.md §2) folded with the domain's own folds, from events in leaf
/// order. <see cref="Streams"/> says which streams the scope names given these events, so the server reads exactly them
/// and a verifier checks a bundle against them.
/// </summary>
public sealed class DutyLedger
{
    public DutyLedger(DutyScope scope, IEnumerable<DutyEvent> events)
    {
        Scope = scope;
        var byStream = events.OrderBy(e => e.LeafIndex).GroupBy(e => e.Stream, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<DutyEvent>)[.. group], StringComparer.Ordinal);
        PlanEvents = byStream.GetValueOrDefault(scope.Plan.StreamKey) ?? [];
        FoldPlan();
        foreach (var (list, listVersion) in Versions.Select(v => (v.ListJurisdiction, v.ListVersion)).Distinct())
        {
            var key = StreamKeys.ItemList(list, listVersion);
            if (byStream.TryGetValue(key, out var listEvents))
            {
                ItemLists[key] = new DutyStream<ItemList?>(key, listEvents.Aggregate((ItemList?)null, (state, e) => ItemList.Evolve(state, e.Data)), listEvents);
            }
        }

        foreach (var code in Versions.SelectMany(v => v.Tasks).Select(task => task.Code).Distinct(StringComparer.Ordinal))
        {
            var taskId = scope.Plan.TaskId(code);
            if (byStream.TryGetValue(StreamKeys.Task(taskId), out var taskEvents)
                && taskEvents.Aggregate((TaskDraw?)null, (state, e) => TaskDraw.Evolve(state, e.Data)) is { } draw)
            {
                Tasks[taskId] = new DutyTask(taskId, draw, taskEvents);
            }
        }

        foreach (var key in ResultStreams())
        {
            if (byStream.TryGetValue(key, out var resultEvents)
                && resultEvents.Aggregate((InspectionResult?)null, (state, e) => InspectionResult.Evolve(state, e.Data)) is { } result)
            {
                Results[key] = new DutyStream<InspectionResult>(key, result, resultEvents);
            }
        }

        foreach (var key in FollowUpStreams())
        {
            if (byStream.TryGetValue(key, out var followUpEvents)
                && followUpEvents.Aggregate((FollowUp?)null, (state, e) => FollowUp.Evolve(state, e.Data)) is { } followUp)
            {
                FollowUps[key] = new DutyStream<FollowUp>(key, followUp, followUpEvents);
            }
        }
    }

    public DutyScope Scope { get; }

    /// <summary>Every event of the scope's streams, in leaf order.</summary>
    public IEnumerable<DutyEvent> All =>
        PlanEvents.Concat(ItemLists.Values.SelectMany(list => list.Events)).Concat(Tasks.Values.SelectMany(task => task.Events))
            .Concat(Results.Values.SelectMany(result => result.Events)).Concat(FollowUps.Values.SelectMany(followUp => followUp.Events))
            .OrderBy(e => e.LeafIndex);

    public IReadOnlyList<DutyEvent> PlanEvents { get; }

    /// <summary>Every content the plan had, in order.</summary>
    public List<PlanVersion> Versions { get; } = [];

    /// <summary>Each filing with the content it filed.</summary>
    public List<(DutyEvent Filed, PlanVersion Content)> Filings { get; } = [];

    public PlanVersion? Filed => Filings.Count == 0 ? null : Filings[^1].Content;

    public Dictionary<string, DutyStream<ItemList?>> ItemLists { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DutyTask> Tasks { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DutyStream<InspectionResult>> Results { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DutyStream<FollowUp>> FollowUps { get; } = new(StringComparer.Ordinal);

    /// <summary>The filed content's tasks with their ids, in plan order.</summary>
    public IEnumerable<(string TaskId, SamplingTaskSpec Spec)> FiledTasks =>
        Filed?.Tasks.Select(task => (Scope.Plan.TaskId(task.Code), task)) ?? [];

    /// <summary>The objects of a task's newest executed round's sample, each with every item of the task, as result streams.</summary>
    public IReadOnlyList<(string TaskId, DrawRound Round, string EntityId, string ItemCode, string Stream)> ExpectedResults() =>
        _expected ??= [.. Expected()];

    private IReadOnlyList<(string TaskId, DrawRound Round, string EntityId, string ItemCode, string Stream)>? _expected;

    private IEnumerable<(string TaskId, DrawRound Round, string EntityId, string ItemCode, string Stream)> Expected() =>
        from task in Tasks.Values
        let round = task.NewestExecuted
        where round is not null
        from entityId in round.Sample()
        from itemCode in round.Pool.Task.ItemCodes
        select (task.TaskId, round, entityId, itemCode, StreamKeys.Result(task.TaskId, entityId, itemCode));

    /// <summary>
    /// Every stream the scope names given the events read so far: the plan, its lists, its tasks, the results of their
    /// samples and the follow-ups their approved results call for. A reader repeats until the list stops growing.
    /// </summary>
    public IReadOnlyList<string> Streams() =>
        [.. new[] { Scope.Plan.StreamKey }
            .Concat(Versions.Select(v => StreamKeys.ItemList(v.ListJurisdiction, v.ListVersion)))
            .Concat(Versions.SelectMany(v => v.Tasks).Select(task => StreamKeys.Task(Scope.Plan.TaskId(task.Code))))
            .Concat(ResultStreams())
            .Concat(FollowUpStreams())
            .Distinct(StringComparer.Ordinal)];

    private IEnumerable<string> ResultStreams() => ExpectedResults().Select(expected => expected.Stream);

    private IEnumerable<string> FollowUpStreams() =>
        from result in Results.Values
        where result.State.Approval is not null
        let recorded = result.State.Recorded
        from kind in FollowUpKinds.For(result.State.Content)
        select StreamKeys.FollowUp(FollowUpKinds.Id(recorded.TaskId, recorded.EntityId, recorded.ItemCode, kind));

    private void FoldPlan()
    {
        foreach (var e in PlanEvents)
        {
            switch (e.Data)
            {
                case PlanDrafted drafted:
                    Versions.Add(new PlanVersion(e, drafted.Tasks, drafted.Basis, drafted.ItemListJurisdiction.Value, drafted.ItemListVersion));
                    break;
                case PlanRevised revised:
                    Versions.Add(new PlanVersion(e, revised.Tasks, revised.Basis, revised.ItemListJurisdiction.Value, revised.ItemListVersion));
                    break;
                case PlanAdjusted adjusted:
                    Versions.Add(new PlanVersion(e, adjusted.Tasks, adjusted.Basis, adjusted.ItemListJurisdiction.Value, adjusted.ItemListVersion));
                    break;
                case PlanFiled when Versions.Count > 0:
                    Filings.Add((e, Versions[^1]));
                    break;
            }
        }
    }
}
