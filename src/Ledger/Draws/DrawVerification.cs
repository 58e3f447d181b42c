using System.Security.Cryptography;
using System.Text;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Integrity;
using NodaTime;

namespace FairDraw.Ledger.Draws;

/// <summary>
/// A draw event of the round (<see cref="Event"/>), the ledger's name for its type (for the report) and its ledger
/// receipt (null when the log has not integrated it yet).
/// </summary>
public sealed record DrawEventReceipt(string EventType, long Sequence, Receipt? Receipt, IDrawEvent Event);

/// <summary>What a verification rebuilt, for callers that go on to show it (the evidence bundle); null where not reached.</summary>
public sealed record DrawRecomputation(EntityPool? Pool, DrawCommitment? Commitment, RandomnessRecord? Randomness, DrawSeed? Seed);

/// <summary>
/// A round's pools read again from the directories as of its frozen ledger position: the entity members (frozen inside
/// the check, so that an id in two strata is reported as a failed check), the inspectors and their declared conflicts
/// (certificates judged on the freeze's date), and the earlier samples the task's exclusion rule takes out.
/// </summary>
public sealed record RebuiltPools(EntityPoolBuilder Entities, InspectorPool Inspectors, ConflictPool Conflicts, IReadOnlyList<ExcludedSample> Excluded)
{
    /// <summary>
    /// Rebuilt entity members beside the round's own recorded inspectors, conflicts and exclusions: for a check that has
    /// no directory to read them from (an evidence bundle, a benchmark), so those three are checked only against their
    /// recorded roots.
    /// </summary>
    public static RebuiltPools WithRecorded(DrawRound round, EntityPoolBuilder entities) =>
        new(entities, round.InspectorPool(), round.ConflictPool(), round.Pool.Excluded);
}

/// <summary>
/// Recomputes a round from its recorded events and the pools rebuilt from the directories, and compares every value:
/// pools and roots, exclusions, commitment bytes, hash and signature, the order of the steps in time and in the signed
/// log, party secrets, seed, every selected ticket, the selection root, the assignment transcript and every later
/// substitution and reassignment. Nothing recorded is trusted that can be recomputed. Each check is a method whose
/// typed result the checks that need it take as input; a check whose input did not pass is not reached.
/// </summary>
public static partial class DrawVerification
{
    /// <summary>
    /// Verifies one round. <paramref name="now"/> decides whether the newest round has lapsed; without it (null) only a
    /// newer round's freeze does, so an unexecuted newest round reads as in progress.
    /// </summary>
    public static DrawReport Verify(
        TaskDraw state, int roundNumber, RebuiltPools rebuilt, IReadOnlyList<DrawEventReceipt> receipts, string trustedKey,
        WitnessPolicy? witnesses = null, Instant? now = null) =>
        Recompute(state, roundNumber, rebuilt, receipts, trustedKey, witnesses, now).Report;

    /// <summary><see cref="Verify"/>, also returning the pool, commitment, randomness and seed it rebuilt.</summary>
    public static (DrawReport Report, DrawRecomputation Recomputed) Recompute(
        TaskDraw state, int roundNumber, RebuiltPools rebuilt, IReadOnlyList<DrawEventReceipt> receipts, string trustedKey,
        WitnessPolicy? witnesses = null, Instant? now = null)
    {
        var round = state.RoundNumber(roundNumber);
        var standing = RoundStates.Of(state, round, now ?? Instant.MinValue);
        var entities = EntityPoolCheck(round, rebuilt);
        var inspectors = Run("inspector-pool", () => InspectorPool(round, rebuilt));
        var conflicts = Run("conflict-pool", () => ConflictPool(round, rebuilt));
        var commitment = round.Commitment is null ? Stopped<DrawCommitment>("commitment", "committed", standing) : CommitmentCheck(round);
        var signature = round.Commitment is null
            ? commitment.Check with { Name = "commitment-signature" }
            : Run("commitment-signature", () => Signature(round.Commitment, trustedKey));
        var publication = round.Publication is null
            ? Stopped<object>("publication", "published", standing).Check
            : PublicationCheck(round, receipts, trustedKey);
        var order = Run("order", () => Order(round, receipts));
        var inclusion = InclusionCheck(round, receipts, trustedKey);
        var seed = round.Randomness is null || round.Execution is null
            ? Stopped<Seeded>("seed", round.Randomness is null ? "given its randomness" : "executed", standing)
            : SeedCheck(round, commitment, inspectors, conflicts);
        var selection = SelectionCheck(round, entities, seed);
        var rankRoots = RankRootCheck(round, selection);
        var assignments = round.Assignment is null && selection.Check.Outcome == CheckOutcome.Pass
            ? Stopped<Drawn>("assignments", "assigned its inspectors", standing)
            : AssignmentCheck(state.TaskId, round, selection);
        var adjustments = Run("adjustments", () => Adjustments(round, assignments.Value!), assignments.Check);

        DrawCheck[] checks =
        [
            entities.Check, inspectors, conflicts, commitment.Check, signature, publication, order, inclusion, seed.Check,
            selection.Check, rankRoots, assignments.Check, adjustments,
        ];
        // A failure is named before a check that was not run; either keeps the round from passing, as does a witness
        // policy not met (witnessing is not run, and decides nothing, when the verifier gave no policy).
        var witnessing = WitnessingCheck(receipts, trustedKey, witnesses);
        var first = checks.FirstOrDefault(check => check.Outcome == CheckOutcome.Fail)
            ?? (witnessing.Outcome == CheckOutcome.Fail ? witnessing : null)
            ?? checks.FirstOrDefault(check => check.Outcome == CheckOutcome.NotRun);
        var passed = first is null && checks.All(check => check.Outcome == CheckOutcome.Pass);
        var wouldBe = standing == RoundState.Lapsed ? WouldBe(round, entities, commitment) : null;
        var outcome = first?.Outcome == CheckOutcome.Fail ? RoundOutcome.Fail
            : RoundStates.NeedsAttention(standing) ? RoundOutcome.Attention
            : passed ? RoundOutcome.Pass
            : RoundOutcome.Pending;
        return (
            new DrawReport(
                state.TaskId, round.Number, passed, first is null ? null : $"{first.Name}: {first.Detail}", checks, witnessing,
                standing, outcome, Note(state, round, standing, outcome, wouldBe), round.SetAside, wouldBe),
            new DrawRecomputation(entities.Value, commitment.Value, seed.Value?.Randomness, seed.Value?.Seed));
    }

    /// <summary>Why a round needs attention, or what a round in progress waits for; null for a round that passed or failed.</summary>
    /// <summary>
    /// The sample a lapsed round's source values (its own, or those recorded after the lapse) would have drawn over its
    /// rebuilt pool, by the DRAW-v1 core, never executed; null without values or without a pool and commitment that pass.
    /// </summary>
    private static IReadOnlyList<SelectedEntity>? WouldBe(DrawRound round, Checked<EntityPool> entities, Checked<DrawCommitment> commitment)
    {
        if ((round.Randomness?.Values ?? round.LapsedValues?.Values) is not { } values
            || entities.Check.Outcome != CheckOutcome.Pass || commitment.Check.Outcome != CheckOutcome.Pass)
        {
            return null;
        }

        var seed = DrawSeed.Derive(commitment.Value!, round.RandomnessRecord(commitment.Value!, values));
        return DrawDecisions.Recorded(EntitySelection.Draw(seed, entities.Value!, commitment.Value!.Rules));
    }

    private static string? Note(TaskDraw state, DrawRound round, RoundState standing, RoundOutcome outcome, IReadOnlyList<SelectedEntity>? wouldBe)
    {
        var next = round.Number < state.Rounds.Count ? state.Rounds[round.Number] : null;
        return standing switch
        {
            RoundState.SetAside when round.SetAside is { } aside =>
                $"第{round.Number}轮已于{aside.SetAsideAt}由{aside.SetAsideBy}撤销（{aside.ApprovedBy}会签）/ set aside at {aside.SetAsideAt} by {aside.SetAsideBy}, approved by {aside.ApprovedBy}: {aside.Reason} (evidence: {aside.Evidence})",
            RoundState.Lapsed =>
                $"第{round.Number}轮未执行，已于{RoundStates.LapsedAt(round)}按补救规则失效 / lapsed unexecuted at {RoundStates.LapsedAt(round)} by its committed fallback"
                + (wouldBe is not null ? $"; the values its sources resolved to would have drawn the {wouldBe.Count} entities in wouldBe (never executed)"
                    : round.Randomness is null && round.LapsedValues is null ? "; the values its sources resolved to are not recorded, so the sample they would have drawn is not shown"
                    : ""),
            RoundState.Superseded =>
                $"第{round.Number}轮在其随机源产生前被第{next!.Number}轮取代 / replaced by round {next!.Number} (frozen at {next.Pool.FrozenAt}: {next.Pool.Reason}) before its sources resolved",
            _ when outcome == RoundOutcome.Pending && standing != RoundState.Assigned => $"进行中 / in progress: {RoundStates.Name(standing)}",
            _ => null,
        };
    }

    /// <summary>A check of a step the round never took: not reached, naming the round's state.</summary>
    private static Checked<T> Stopped<T>(string name, string step, RoundState standing)
        where T : class =>
        new(new DrawCheck(name, CheckOutcome.NotReached, $"the round ({RoundStates.Name(standing)}) was never {step}"), null);

    /// <summary>The commitment a seed was derived from, the randomness record and the seed.</summary>
    private sealed record Seeded(DrawCommitment Commitment, RandomnessRecord Randomness, DrawSeed Seed);

    /// <summary>A recomputed selection and the seed it was drawn with.</summary>
    private sealed record Drawn(Seeded Seeded, EntitySelection Selection);

    /// <summary>
    /// Runs a check unless one it needs did not pass (then it is not reached): null from <paramref name="run"/> passes,
    /// a text (or a <see cref="DomainException"/>) fails with it.
    /// </summary>
    private static DrawCheck Run(string name, Func<string?> run, params DrawCheck[] needs)
    {
        var unmet = needs.FirstOrDefault(need => need.Outcome != CheckOutcome.Pass);
        if (unmet is not null)
        {
            return new DrawCheck(name, CheckOutcome.NotReached, $"needs '{unmet.Name}' to pass");
        }

        string? failure;
        try
        {
            failure = run();
        }
        catch (DomainException error)
        {
            failure = error.Message;
        }

        return new DrawCheck(name, failure is null ? CheckOutcome.Pass : CheckOutcome.Fail, failure ?? "ok");
    }

    /// <summary>
    /// <see cref="Run"/> for a check that rebuilds a value. The value is kept even when the comparison failed (the
    /// evidence bundle shows what was recomputed), but a check that needs it runs only when this one passed.
    /// </summary>
    private static Checked<T> Run<T>(string name, Func<(string? Failure, T? Value)> run, params DrawCheck[] needs)
        where T : class
    {
        T? value = null;
        var check = Run(name, () =>
        {
            (var failure, value) = run();
            return failure;
        }, needs);
        return new Checked<T>(check, value);
    }

    private static Checked<EntityPool> EntityPoolCheck(DrawRound round, RebuiltPools rebuilt) => Run<EntityPool>("entity-pool", () =>
    {
        var pool = round.Pool;
        if (!rebuilt.Excluded.SequenceEqual(pool.Excluded))
        {
            return ($"the earlier samples excluded as of ledger position {pool.AsOfSequence} are [{Describe(rebuilt.Excluded)}]; the frozen pool excluded [{Describe(pool.Excluded)}]", null);
        }

        var entities = rebuilt.Entities.Freeze();
        var root = Convert.ToHexStringLower(entities.Root);
        return (root != pool.EntityRoot ? $"the pool rebuilt as of ledger position {pool.AsOfSequence} has root {root} over {entities.Count} entities; the frozen root is {pool.EntityRoot} over {pool.EntityCount}"
            : !entities.Strata.SequenceEqual(pool.Strata) ? "the rebuilt strata counts differ from the frozen ones"
            : null, entities);
    });

    private static string? InspectorPool(DrawRound round, RebuiltPools rebuilt)
    {
        var recorded = round.InspectorPool();
        return Root(recorded.Root, round.Pool.InspectorRoot, "inspector")
            ?? Rebuilt(recorded, rebuilt.Inspectors, "inspector", round.Pool.AsOfSequence, inspector => inspector.Id);
    }

    private static string? ConflictPool(DrawRound round, RebuiltPools rebuilt)
    {
        var recorded = round.ConflictPool();
        return Root(recorded.Root, round.Pool.ConflictRoot, "conflict")
            ?? Rebuilt(recorded, rebuilt.Conflicts, "conflict", round.Pool.AsOfSequence, pair => $"{pair.InspectorId} ↔ {pair.EntityId}");
    }

    private static Checked<DrawCommitment> CommitmentCheck(DrawRound round) => Run<DrawCommitment>("commitment", () =>
    {
        var committed = round.Commitment!;
        var commitment = round.RebuildCommitment(committed);
        var canonical = Encoding.UTF8.GetString(commitment.CanonicalBytes);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(committed.Canonical)));
        return (canonical != committed.Canonical ? $"the rebuilt commitment differs from the recorded one at character {FirstDifference(canonical, committed.Canonical)}"
            : hash != committed.CommitHash ? $"SHA-256 of the recorded commitment is {hash}, recorded CommitHash {committed.CommitHash}"
            : null, commitment);
    });

    private static string? Signature(DrawCommitted committed, string trustedKey) =>
        committed.SigningKey != trustedKey ? $"the commitment names signing key {committed.SigningKey}, not the trusted ledger key"
        : CheckpointVerifier.VerifyCommitment(Encoding.UTF8.GetBytes(committed.Canonical), committed.Signature, trustedKey) ? null
        : "the signature does not verify over the commitment bytes";

    private static Checked<Seeded> SeedCheck(
        DrawRound round, Checked<DrawCommitment> commitment, DrawCheck inspectors, DrawCheck conflicts) =>
        Run<Seeded>("seed", () =>
        {
            var randomness = round.RandomnessRecord(commitment.Value!, round.Randomness!);
            var seed = DrawSeed.Derive(commitment.Value!, randomness);
            var prk = Convert.ToHexStringLower(seed.Prk);
            return (prk == round.Execution!.Prk ? null : $"recomputed PRK {prk}, recorded {round.Execution.Prk}", new Seeded(commitment.Value!, randomness, seed));
        }, commitment.Check, inspectors, conflicts);

    private static Checked<Drawn> SelectionCheck(DrawRound round, Checked<EntityPool> entities, Checked<Seeded> seeded) =>
        Run<Drawn>("selection", () =>
        {
            var selection = EntitySelection.Draw(seeded.Value!.Seed, entities.Value!, seeded.Value.Commitment.Rules);
            return (Selection(selection, round.Execution!), new Drawn(seeded.Value, selection));
        }, entities.Check, seeded.Check);

    /// <summary>
    /// The recorded rank roots (§8.1) against the recomputed rankings. A round executed before they were recorded passes
    /// as it did, saying that its entities have no per-entity proof.
    /// </summary>
    private static DrawCheck RankRootCheck(DrawRound round, Checked<Drawn> drawn)
    {
        var check = Run("rank-roots", () => RankRoots(drawn.Value!.Selection, round.Execution!), drawn.Check);
        return check.Outcome == CheckOutcome.Pass && round.Execution!.RankRoots is null
            ? check with { Detail = "no rank roots recorded (executed before issue 22): the per-entity proof is not available for this round" }
            : check;
    }

    private static string? Adjustments(DrawRound round, Drawn drawn) =>
        round.Adjustments.Count == 0 ? null : DrawAdjustments.Replay(round, drawn.Selection, drawn.Seeded.Seed, drawn.Seeded.Commitment);

    /// <summary>The assignment transcript recomputed over the drawn selection; passes the selection on to the adjustments.</summary>
    private static Checked<Drawn> AssignmentCheck(string taskId, DrawRound round, Checked<Drawn> drawn) => Run<Drawn>("assignments", () =>
    {
        var (seeded, _) = drawn.Value!;
        var transcript = InspectorMatching.Match(
            seeded.Seed, DrawDecisions.Selected(round.Execution!), round.InspectorPool(), round.ConflictPool(), seeded.Commitment.Rules);
        var recomputed = DrawDecisions.Record(taskId, round.Number, transcript, round.Assignment!.AssignedBy, round.Assignment.AssignedAt);
        return (Assignments(recomputed, round.Assignment), drawn.Value);
    }, drawn.Check);
}
