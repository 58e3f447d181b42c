using FairDraw.Ledger;
using FairDraw.Ledger.Draws;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace FairDraw.Projections.Draws;

/// <summary>Where a task's current draw round stands; a task without a view has not been frozen yet (planned).</summary>
public enum DrawState
{
    PoolFrozen,
    Committed,
    Published,
    RandomnessRecorded,
    Executed,
    Assigned,
}

/// <summary>The current round of one sampling task's draw (stream "task:{taskId}"), for lists and statistics.</summary>
public sealed class TaskDrawView
{
    /// <summary>The task id.</summary>
    public string Id { get; set; } = "";

    public string PlanId { get; set; } = "";

    public string Jurisdiction { get; set; } = "";

    public int Year { get; set; }

    public IReadOnlyList<string> ItemCodes { get; set; } = [];

    public int Round { get; set; }

    public DrawState State { get; set; }

    /// <summary>N_h of every stratum (from the frozen pool) and, once executed, n_h.</summary>
    public IReadOnlyList<StratumOutcome> Strata { get; set; } = [];

    /// <summary>The entities currently in the sample (selected or brought in by substitution, not replaced).</summary>
    public IReadOnlyList<string> Sample { get; set; } = [];

    /// <summary>Who assigned the inspectors of each assigned round, in round order.</summary>
    public IReadOnlyList<string> AssignedBy { get; set; } = [];

    /// <summary>Every substitution and reassignment of the task's rounds: who did it, who approved it, by which rule.</summary>
    public IReadOnlyList<AdjustmentRecord> Adjustments { get; set; } = [];

    /// <summary>
    /// Every round set aside (kind "set-aside": who set it aside, who countersigned), for the year-end summary's
    /// per-official figures; empty in documents projected before December 2026 until the demo is loaded afresh.
    /// </summary>
    public IReadOnlyList<AdjustmentRecord> SetAsides { get; set; } = [];

    public long Version { get; set; }
}

/// <summary>One adjustment of a draw, as the per-official statistics count it.</summary>
public sealed record AdjustmentRecord(int Round, string Kind, string Rule, string By, string ApprovedBy);

/// <summary>Keeps <see cref="TaskDrawView"/> current from each task stream's new events.</summary>
public sealed class TaskDrawViewProjection : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var streams = events
            .Where(e => e.StreamKey is not null && e.StreamKey.StartsWith(StreamKeys.TaskPrefix, StringComparison.Ordinal))
            .GroupBy(e => e.StreamKey![StreamKeys.TaskPrefix.Length..])
            .ToList();
        if (streams.Count == 0)
        {
            return;
        }

        var current = (await operations.LoadManyAsync<TaskDrawView>(cancellation, [.. streams.Select(s => s.Key)])).ToDictionary(v => v.Id);
        foreach (var stream in streams)
        {
            var view = current.GetValueOrDefault(stream.Key) ?? new TaskDrawView { Id = stream.Key };
            if (ConcurrentAppends.Overtaken(view.Version, stream))
            {
                continue;
            }

            foreach (var e in stream.OrderBy(e => e.Version))
            {
                Apply(view, e.Data);
                view.Version = e.Version;
            }

            operations.Store(view);
        }
    }

    /// <summary>Folds one event of the task's stream onto its view: the projection's fold, which a replay runs too.</summary>
    public static void Apply(TaskDrawView view, object data)
    {
        switch (data)
        {
            case PoolFrozen frozen:
                view.PlanId = frozen.PlanId;
                view.Jurisdiction = frozen.Jurisdiction.Value;
                view.Year = frozen.Year;
                view.ItemCodes = frozen.Task.ItemCodes;
                view.Round = frozen.Round;
                view.State = DrawState.PoolFrozen;
                view.Strata = [.. frozen.Strata.Select(stratum => new StratumOutcome(stratum.Stratum, stratum.Count, 0))];
                view.Sample = [];
                break;
            case DrawCommitted:
                view.State = DrawState.Committed;
                break;
            case CommitmentPublished:
                view.State = DrawState.Published;
                break;
            case RandomnessRecorded:
                view.State = DrawState.RandomnessRecorded;
                break;
            case DrawExecuted executed:
                view.State = DrawState.Executed;
                view.Strata = executed.Strata;
                view.Sample = [.. executed.Selected.Select(entity => entity.EntityId)];
                break;
            case InspectorsAssigned assigned:
                view.State = DrawState.Assigned;
                view.AssignedBy = [.. view.AssignedBy, assigned.AssignedBy];
                break;
            case EntitySubstituted substituted:
                view.Sample = [.. view.Sample.Select(id => id == substituted.ReplacedId ? substituted.ReplacementId : id)];
                view.Adjustments = [.. view.Adjustments, new AdjustmentRecord(substituted.Round, "substitution", DrawRules.Replacement, substituted.SubstitutedBy, substituted.ApprovedBy)];
                break;
            case InspectorReassigned reassigned:
                view.Adjustments = [.. view.Adjustments, new AdjustmentRecord(reassigned.Round, "reassignment", reassigned.Rule, reassigned.ReassignedBy, reassigned.ApprovedBy)];
                break;
            case RoundSetAside setAside:
                view.SetAsides = [.. view.SetAsides, new AdjustmentRecord(setAside.Round, "set-aside", "", setAside.SetAsideBy, setAside.ApprovedBy)];
                break;
        }
    }
}
