using System.Reflection;
using FairDraw.Ledger;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;
using Marten;
using NodaTime;

namespace FairDraw.Api.Draws;

/// <summary>
/// Verifies a draw round from the ledger alone (`verify draw`, GET …/draw/verification) and exports its evidence
/// bundle: both rebuild the entity pool from the directory at the frozen position and fetch a ledger receipt for every
/// event of the round, and trust only the ledger key this server signs with.
/// </summary>
public sealed class DrawEvidence(DrawPools pools, LedgerProofs proofs, CheckpointSigner signer, IClock clock)
{
    private static readonly Lazy<string> Specification = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("draw-protocol.md")
            ?? throw new InvalidOperationException("draw-protocol.md is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Verifies a round; with <paramref name="witnesses"/>, also whether its receipts' checkpoints meet that policy.</summary>
    public async Task<DrawReport> VerifyAsync(
        IQuerySession session, string taskId, int? round, CancellationToken cancellation, WitnessPolicy? witnesses = null) =>
        (await GatherAsync(session, taskId, round, witnesses, cancellation)).Report;

    /// <summary>Verifies every round of the task, oldest first, and the task's outcome over them.</summary>
    public async Task<TaskVerification> VerifyTaskAsync(
        IQuerySession session, string taskId, CancellationToken cancellation, WitnessPolicy? witnesses = null)
    {
        var draw = await TaskDraws.LoadAsync(session, taskId);
        var state = draw.Existing(taskId);
        var rounds = new List<DrawReport>();
        foreach (var round in state.Rounds)
        {
            rounds.Add((await GatherAsync(session, draw, state, round, witnesses, cancellation)).Report);
        }

        return TaskVerification.Of(taskId, rounds);
    }

    public async Task<EvidenceBundle> BundleAsync(
        IQuerySession session, string taskId, int? round, CancellationToken cancellation, WitnessPolicy? witnesses = null)
    {
        var gathered = await GatherAsync(session, taskId, round, witnesses, cancellation);
        var drawn = gathered.Round;
        var committed = drawn.Commitment ?? throw DomainException.Conflict("round", $"第{drawn.Number}轮尚未承诺，无证据包 / round {drawn.Number} is not committed: no evidence bundle yet");
        var recomputed = gathered.Recomputed; // what verification rebuilt, reused rather than rebuilt (a 1M pool takes seconds)
        var entityPool = recomputed.Pool ?? gathered.Rebuilt.Entities.Freeze();
        var commitment = recomputed.Commitment ?? drawn.RebuildCommitment(committed);
        var randomness = recomputed.Randomness ?? (drawn.Randomness is null ? null : drawn.RandomnessRecord(commitment, drawn.Randomness));
        var seed = recomputed.Seed ?? (randomness is null ? null : DrawSeed.Derive(commitment, randomness));
        var transcript = seed is null || drawn.Execution is null || drawn.Assignment is null
            ? null
            : InspectorMatching.Match(seed, DrawDecisions.Selected(drawn.Execution), drawn.InspectorPool(), drawn.ConflictPool(), commitment.Rules);
        var pool = drawn.Pool;
        return new EvidenceBundle(
            EvidenceBundle.FormatName,
            DrawCommitment.Suite,
            taskId,
            drawn.Number,
            signer.PublicKeyText(),
            new BundleInputs(
                taskId,
                pool.AsOfSequence,
                pool.Excluded,
                [.. entityPool.Members.Select(member => new BundleEntity(member.Stratum, member.Id))],
                [.. pool.Inspectors.Select(inspector => new BundleInspector(inspector.Id, inspector.Unit, inspector.Status == "active", inspector.Expertise, inspector.Capacity))],
                pool.Conflicts,
                new BundleRules(
                    [.. commitment.Rules.Strata.Select(rule => new BundleStratumRule(rule.Stratum, rule.Ratio.ToString(), rule.Expertise))],
                    commitment.Rules.InspectorsPerEntity,
                    commitment.Rules.CapacityCap),
                committed.Sources,
                committed.Fallback,
                [.. drawn.Secrets.OrderBy(secret => secret.Index).Select(secret => secret.Secret)]),
            new BundleCommitment(committed.Canonical, committed.CommitHash, committed.Signature, committed.SigningKey, committed.PublishBy),
            new BundleRandomness(
                drawn.Randomness?.Values ?? [],
                randomness is null ? "" : Convert.ToHexStringLower(randomness.Ikm),
                seed is null ? "" : Convert.ToHexStringLower(seed.Prk)),
            new BundleOutputs(
                pool.EntityRoot,
                pool.InspectorRoot,
                pool.ConflictRoot,
                drawn.Execution?.Strata ?? [],
                drawn.Execution?.Selected ?? [],
                drawn.Execution?.SelectionRoot ?? "",
                transcript is null
                    ? []
                    : [.. transcript.Entities.Select(entity => new BundleAssignment(
                        entity.Stratum,
                        entity.EntityId,
                        [.. entity.Candidates.Select(candidate => new BundleCandidate(candidate.InspectorId, Convert.ToHexStringLower(candidate.Ticket), candidate.Decision))]))],
                drawn.Assignment?.Infeasible ?? [],
                [.. drawn.Adjustments.Select(adjustment => adjustment.Match(
                    substituted => new BundleAdjustment(DrawAdjustment.Substitution, substituted, null),
                    reassigned => new BundleAdjustment(DrawAdjustment.Reassignment, null, reassigned)))],
                drawn.Execution?.RankRoots),
            gathered.Events,
            gathered.Report,
            Specification.Value,
            gathered.Successor);
    }

    private sealed record Gathered(
        DrawRound Round, RebuiltPools Rebuilt, IReadOnlyList<BundleEvent> Events, DrawReport Report, DrawRecomputation Recomputed, BundleEvent? Successor);

    private async Task<Gathered> GatherAsync(
        IQuerySession session, string taskId, int? roundNumber, WitnessPolicy? witnesses, CancellationToken cancellation)
    {
        var draw = await TaskDraws.LoadAsync(session, taskId);
        var state = draw.Existing(taskId);
        return await GatherAsync(session, draw, state, roundNumber is { } number ? state.RoundNumber(number) : state.Current, witnesses, cancellation);
    }

    private async Task<Gathered> GatherAsync(
        IQuerySession session, LoadedDraw draw, TaskDraw state, DrawRound round, WitnessPolicy? witnesses, CancellationToken cancellation)
    {
        var rebuilt = await pools.RebuildAsync(session, round.Pool, cancellation);
        var stored = draw.Events.Where(e => ((IDrawEvent)e.Data).Round == round.Number).ToList();
        var next = draw.Events.FirstOrDefault(e => e.Data is PoolFrozen frozen && frozen.Round == round.Number + 1);
        var receiptsOf = await proofs.ReceiptsAsync([.. stored.Select(e => e.Sequence), .. next is null ? [] : new[] { next.Sequence }], cancellation);
        var events = stored.Concat(next is null ? [] : [next])
            .Select((e, i) => new BundleEvent(e.EventTypeName, e.Sequence, e.Version, ((IAttributedEvent)e.Data).OccurredAt, receiptsOf[i]))
            .ToList();
        var successor = next is null ? null : events[^1];
        if (successor is not null)
        {
            events.RemoveAt(events.Count - 1);
        }

        var receipts = stored.Select((e, i) => new DrawEventReceipt(e.EventTypeName, e.Sequence, receiptsOf[i], (IDrawEvent)e.Data)).ToList();
        var (report, recomputed) = DrawVerification.Recompute(
            state, round.Number, rebuilt, receipts, signer.PublicKeyText(), witnesses, clock.GetCurrentInstant());
        return new Gathered(round, rebuilt, events, report, recomputed, successor);
    }
}
