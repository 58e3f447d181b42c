using FairDraw.Ledger.Draws.Engine;

namespace FairDraw.Ledger.Draws;

/// <summary>One round of a task's draw: a frozen pool and whatever of the later steps has happened.</summary>
public sealed record DrawRound(
    PoolFrozen Pool,
    DrawCommitted? Commitment,
    CommitmentPublished? Publication,
    IReadOnlyList<PartySecretRevealed> Secrets,
    RandomnessRecorded? Randomness,
    DrawExecuted? Execution,
    InspectorsAssigned? Assignment,
    IReadOnlyList<DrawAdjustment> Adjustments,
    RoundSetAside? SetAside = null,
    LotteryValuesConfirmed? Confirmation = null,
    LapsedRoundResolved? LapsedValues = null)
{
    public int Number => Pool.Round;

    /// <summary>The committed rule set: the plan's ratio and expertise for each stratum the pool holds.</summary>
    public DrawRules Rules() => RulesOf(Pool);

    /// <summary>The rule set a frozen pool commits to; fails when a stratum of the pool has no ratio in the plan.</summary>
    public static DrawRules RulesOf(PoolFrozen pool) => new(
        pool.Strata.Select(stratum =>
        {
            var plan = pool.Task.Strata.FirstOrDefault(rule => rule.Stratum == stratum.Stratum)
                ?? throw DomainException.Conflict("strata", $"计划未给出分层“{stratum.Stratum}”的比例 / the plan gives no ratio for stratum '{stratum.Stratum}'");
            return new StratumRule(stratum.Stratum, Plans.RatioText.Parse(plan.Ratio, "ratio"), string.IsNullOrEmpty(plan.Expertise) ? null : plan.Expertise);
        }),
        pool.Task.InspectorsPerEntity,
        pool.Task.CapacityCap);

    public InspectorPool InspectorPool() => Engine.InspectorPool.Freeze(Pool.Inspectors.Select(inspector =>
        new InspectorMember(inspector.Id, inspector.Unit, inspector.Expertise, inspector.Capacity, inspector.Status == "active")));

    public ConflictPool ConflictPool() => Engine.ConflictPool.Freeze(Pool.Conflicts.Select(pair => new ConflictPair(pair.InspectorId, pair.EntityId)));

    public PoolSummary EntitySummary() => new(Convert.FromHexString(Pool.EntityRoot), Pool.EntityCount, Pool.Strata);

    /// <summary>Rebuilds the commitment from the round's pools, rules and committed sources.</summary>
    public DrawCommitment RebuildCommitment(DrawCommitted committed)
    {
        var inspectors = InspectorPool();
        var conflicts = ConflictPool();
        return DrawCommitment.Create(
            Pool.TaskId,
            EntitySummary(),
            PoolSummary.Of(inspectors),
            PoolSummary.Of(conflicts),
            Rules(),
            [.. committed.Sources.Select(source => new RandomnessSource(source.Label, source.Kind, source.Reference, source.Encoding))],
            committed.Fallback,
            [.. committed.PartyCommitments.Select(Convert.FromHexString)]);
    }

    /// <summary>The randomness record of a round whose sources were recorded, with its revealed secrets in committed order.</summary>
    public RandomnessRecord RandomnessRecord(DrawCommitment commitment, RandomnessRecorded recorded) => RandomnessRecord(commitment, recorded.Values);

    /// <summary>The randomness record of <paramref name="values"/>, with the round's revealed secrets in committed order.</summary>
    public RandomnessRecord RandomnessRecord(DrawCommitment commitment, IReadOnlyList<SourceValue> values) =>
        Draws.RandomnessRecord.Create(commitment, values, [.. Secrets.OrderBy(secret => secret.Index).Select(secret => Convert.FromHexString(secret.Secret))]);

    /// <summary>The entities currently in the sample: the selection with every substitution applied, in selection order.</summary>
    public IReadOnlyList<string> Sample() =>
        Execution is null
            ? []
            : [.. Execution.Selected.Select(entity => Adjustments.OfType<EntitySubstituted>()
                .Aggregate(entity.EntityId, (id, substitution) => substitution.ReplacedId == id ? substitution.ReplacementId : id))];

    public DrawRound Apply(object data) => data switch
    {
        DrawCommitted committed => this with { Commitment = committed },
        CommitmentPublished published => this with { Publication = published },
        PartySecretRevealed revealed => this with { Secrets = [.. Secrets, revealed] },
        RandomnessRecorded recorded => this with { Randomness = recorded },
        LotteryValuesConfirmed confirmed => this with { Confirmation = confirmed },
        DrawExecuted executed => this with { Execution = executed },
        InspectorsAssigned assigned => this with { Assignment = assigned },
        DrawAdjustment adjustment => this with { Adjustments = [.. Adjustments, adjustment] },
        RoundSetAside setAside => this with { SetAside = setAside },
        LapsedRoundResolved lapsed => this with { LapsedValues = lapsed },
        _ => this,
    };
}

/// <summary>The draws of one sampling task, folded from its stream: every round, the newest last.</summary>
public sealed record TaskDraw(string TaskId, IReadOnlyList<DrawRound> Rounds)
{
    public DrawRound Current => Rounds[^1];

    public DrawRound RoundNumber(int round) =>
        round >= 1 && round <= Rounds.Count
            ? Rounds[round - 1]
            : throw DomainException.NotFound("round", $"任务{TaskId}没有第{round}轮摇号 / task {TaskId} has no round {round}");

    public static TaskDraw? Evolve(TaskDraw? state, object data) => data switch
    {
        PoolFrozen frozen => new TaskDraw(frozen.TaskId, [.. state?.Rounds ?? [], new DrawRound(frozen, null, null, [], null, null, null, [])]),
        _ when state is null => null,
        // A lapsed round's values are recorded after newer rounds were frozen: they go to the round they name.
        LapsedRoundResolved lapsed => state with { Rounds = [.. state.Rounds.Select(round => round.Number == lapsed.Round ? round.Apply(lapsed) : round)] },
        _ => state with { Rounds = [.. state.Rounds.SkipLast(1), state.Current.Apply(data)] },
    };
}
