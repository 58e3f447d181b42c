using FairDraw.Ledger.Draws;

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

    public long Version { get; set; }
}
