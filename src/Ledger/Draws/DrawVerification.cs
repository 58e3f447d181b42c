using System.Security.Cryptography;
using System.Text;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Integrity;
using NodaTime;

namespace FairDraw.Ledger.Draws;

/// <summary>One check of a draw's verification: "pass", "fail" (with the first mismatch named) or "not-reached".</summary>
public sealed record DrawCheck(string Name, string Outcome, string Detail)
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string NotReached = "not-reached";
}

/// <summary>What <see cref="DrawVerification.Verify"/> found for one round: every check, and the first failure.</summary>
public sealed record DrawReport(string TaskId, int Round, bool Passed, string? FirstFailure, IReadOnlyList<DrawCheck> Checks);

/// <summary>
/// A draw event of the round with its ledger receipt (null when the log has not integrated it yet): its domain type, by
/// which verification finds it, and the name the ledger stores it under, which reports show.
/// </summary>
public sealed record DrawEventReceipt(Type Event, string EventType, long Sequence, Receipt? Receipt);

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
/// substitution and reassignment. Nothing recorded is trusted that can be recomputed.
/// </summary>
public static class DrawVerification
{
    public static DrawReport Verify(
        TaskDraw state, int roundNumber, RebuiltPools rebuilt, IReadOnlyList<DrawEventReceipt> receipts, string trustedKey) =>
        Recompute(state, roundNumber, rebuilt, receipts, trustedKey).Report;

    /// <summary><see cref="Verify"/>, also returning the pool, commitment, randomness and seed it rebuilt.</summary>
    public static (DrawReport Report, DrawRecomputation Recomputed) Recompute(
        TaskDraw state, int roundNumber, RebuiltPools rebuilt, IReadOnlyList<DrawEventReceipt> receipts, string trustedKey)
    {
        var round = state.RoundNumber(roundNumber);
        var checks = new List<DrawCheck>();

        void Check(string name, Func<string?> run, params string[] needs)
        {
            var unmet = needs.FirstOrDefault(need => checks.Single(check => check.Name == need).Outcome != DrawCheck.Pass);
            if (unmet is not null)
            {
                checks.Add(new DrawCheck(name, DrawCheck.NotReached, $"needs '{unmet}' to pass"));
                return;
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

            checks.Add(new DrawCheck(name, failure is null ? DrawCheck.Pass : DrawCheck.Fail, failure ?? "ok"));
        }

        var pool = round.Pool;
        EntityPool? entities = null;
        Check("entity-pool", () =>
        {
            if (!rebuilt.Excluded.SequenceEqual(pool.Excluded))
            {
                return $"the earlier samples excluded as of ledger position {pool.AsOfSequence} are [{Describe(rebuilt.Excluded)}]; the frozen pool excluded [{Describe(pool.Excluded)}]";
            }

            entities = rebuilt.Entities.Freeze();
            var root = Convert.ToHexStringLower(entities.Root);
            return root != pool.EntityRoot ? $"the pool rebuilt as of ledger position {pool.AsOfSequence} has root {root} over {entities.Count} entities; the frozen root is {pool.EntityRoot} over {pool.EntityCount}"
                : !entities.Strata.SequenceEqual(pool.Strata) ? "the rebuilt strata counts differ from the frozen ones"
                : null;
        });
        Check("inspector-pool", () =>
        {
            var recorded = round.InspectorPool();
            return Root(recorded.Root, pool.InspectorRoot, "inspector")
                ?? Rebuilt(recorded, rebuilt.Inspectors, "inspector", pool.AsOfSequence, inspector => inspector.Id);
        });
        Check("conflict-pool", () =>
        {
            var recorded = round.ConflictPool();
            return Root(recorded.Root, pool.ConflictRoot, "conflict")
                ?? Rebuilt(recorded, rebuilt.Conflicts, "conflict", pool.AsOfSequence, pair => $"{pair.InspectorId} ↔ {pair.EntityId}");
        });

        var committed = round.Commitment;
        DrawCommitment? commitment = null;
        Check("commitment", () =>
        {
            if (committed is null)
            {
                return "the round has no commitment";
            }

            commitment = round.RebuildCommitment(committed);
            var canonical = Encoding.UTF8.GetString(commitment.CanonicalBytes);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(committed.Canonical)));
            return canonical != committed.Canonical ? $"the rebuilt commitment differs from the recorded one at character {FirstDifference(canonical, committed.Canonical)}"
                : hash != committed.CommitHash ? $"SHA-256 of the recorded commitment is {hash}, recorded CommitHash {committed.CommitHash}"
                : null;
        });
        Check("commitment-signature", () =>
            committed is null ? "the round has no commitment"
            : committed.SigningKey != trustedKey ? $"the commitment names signing key {committed.SigningKey}, not the trusted ledger key"
            : CheckpointVerifier.VerifyCommitment(Encoding.UTF8.GetBytes(committed.Canonical), committed.Signature, trustedKey) ? null
            : "the signature does not verify over the commitment bytes");
        Check("publication", () => Publication(round, receipts, trustedKey));
        Check("order", () => Order(round));
        Check("ledger-inclusion", () =>
        {
            foreach (var receipt in receipts)
            {
                var failure = receipt.Receipt is null ? "not yet in the signed log" : receipt.Receipt.Verify(trustedKey);
                if (failure is not null)
                {
                    return $"{receipt.EventType} (sequence {receipt.Sequence}): {failure}";
                }
            }

            return null;
        });

        RandomnessRecord? randomness = null;
        DrawSeed? seed = null;
        Check("seed", () =>
        {
            if (round.Randomness is null || round.Execution is null)
            {
                return round.Randomness is null ? "no randomness recorded" : "not executed";
            }

            randomness = round.RandomnessRecord(commitment!, round.Randomness);
            seed = DrawSeed.Derive(commitment!, randomness);
            var prk = Convert.ToHexStringLower(seed.Prk);
            return prk == round.Execution.Prk ? null : $"recomputed PRK {prk}, recorded {round.Execution.Prk}";
        }, "commitment", "inspector-pool", "conflict-pool");

        EntitySelection? selection = null;
        Check("selection", () =>
        {
            selection = EntitySelection.Draw(seed!, entities!, commitment!.Rules);
            return Selection(selection, round.Execution!);
        }, "entity-pool", "seed");

        AssignmentTranscript? transcript = null;
        Check("assignments", () =>
        {
            if (round.Assignment is null)
            {
                return "inspectors not assigned yet";
            }

            transcript = InspectorMatching.Match(seed!, DrawDecisions.Selected(round.Execution!), round.InspectorPool(), round.ConflictPool(), commitment!.Rules);
            return Assignments(DrawDecisions.Record(state.TaskId, round.Number, transcript, round.Assignment.AssignedBy, round.Assignment.AssignedAt), round.Assignment);
        }, "selection");
        Check("adjustments", () => round.Adjustments.Count == 0 ? null : DrawAdjustments.Replay(round, selection!, seed!, commitment!), "assignments");

        var first = checks.FirstOrDefault(check => check.Outcome == DrawCheck.Fail);
        return (
            new DrawReport(state.TaskId, round.Number, first is null, first is null ? null : $"{first.Name}: {first.Detail}", checks),
            new DrawRecomputation(entities, commitment, randomness, seed));
    }

    private static string? Root(byte[] rebuilt, string recorded, string pool) =>
        Convert.ToHexStringLower(rebuilt) == recorded ? null : $"the {pool} pool's members hash to {Convert.ToHexStringLower(rebuilt)}, recorded root {recorded}";

    /// <summary>Null when the pool rebuilt from the directory is the recorded one; otherwise the first member that differs.</summary>
    private static string? Rebuilt<TMember>(FrozenPool<TMember> recorded, FrozenPool<TMember> rebuilt, string pool, long position, Func<TMember, string> name)
    {
        if (recorded.Root.AsSpan().SequenceEqual(rebuilt.Root))
        {
            return null;
        }

        var at = recorded.Leaves.Zip(rebuilt.Leaves).TakeWhile(pair => pair.First.AsSpan().SequenceEqual(pair.Second)).Count();
        var difference = at < recorded.Count && at < rebuilt.Count ? $"first difference at member {at}: frozen {name(recorded.Members[at])}, rebuilt {name(rebuilt.Members[at])}"
            : at < recorded.Count ? $"frozen member {name(recorded.Members[at])} is not in the directory"
            : $"{name(rebuilt.Members[at])} is in the directory but was not frozen";
        return $"the {pool} pool rebuilt from the directory as of ledger position {position} has {rebuilt.Count} members and root {Convert.ToHexStringLower(rebuilt.Root)}; the frozen pool has {recorded.Count} ({difference})";
    }

    private static string Describe(IReadOnlyList<ExcludedSample> excluded) =>
        string.Join(", ", excluded.Select(sample => $"{sample.TaskId} round {sample.Round}: {sample.Count}"));

    /// <summary>
    /// The publication's checkpoint verifies and contains the commitment: the sequence and leaf index it names are those
    /// of the round's <see cref="DrawCommitted"/> event and its receipt, when the caller has them (the server always does).
    /// </summary>
    private static string? Publication(DrawRound round, IReadOnlyList<DrawEventReceipt> receipts, string trustedKey)
    {
        if (round.Publication is not { } published)
        {
            return "the commitment was not marked published";
        }

        Checkpoint checkpoint;
        try
        {
            checkpoint = CheckpointVerifier.Verify(published.Checkpoint, trustedKey);
        }
        catch (CheckpointException error)
        {
            return "the recorded checkpoint does not verify: " + error.Message;
        }

        var committedEvent = receipts.FirstOrDefault(receipt => receipt.Event == typeof(DrawCommitted));
        return published.CommitHash != round.Commitment!.CommitHash ? "the publication names another commitment hash"
            : committedEvent is not null && published.CommitmentSequence != committedEvent.Sequence
                ? $"the publication names ledger sequence {published.CommitmentSequence}; the commitment is at {committedEvent.Sequence}"
            : committedEvent?.Receipt is { } receipt && published.LeafIndex != receipt.LeafIndex
                ? $"the publication names log leaf {published.LeafIndex}; the commitment's receipt is for leaf {receipt.LeafIndex}"
            : checkpoint.TreeSize != published.CheckpointSize ? "the recorded checkpoint size differs from the signed one"
            : published.LeafIndex >= checkpoint.TreeSize ? $"the commitment's leaf {published.LeafIndex} is not inside the signed tree of size {checkpoint.TreeSize}"
            : null;
    }

    private static string? Order(DrawRound round)
    {
        var steps = new List<(string Step, Instant At)> { ("pool frozen", round.Pool.FrozenAt) };
        if (round.Commitment is { } committed)
        {
            steps.Add(("committed", committed.CommittedAt));
            var first = committed.Sources.Count == 0 ? (Instant?)null : committed.Sources.Min(source => source.ResolvesAt);
            if (committed.PublishBy != first)
            {
                return $"the commitment must be published by {committed.PublishBy}, not by its first source's time {first}";
            }

            foreach (var source in committed.Sources)
            {
                if (source.ResolvesAt < committed.CommittedAt + FutureSources.MinimumLead)
                {
                    return $"source {source.Reference} resolves at {source.ResolvesAt}, less than 24 h after the commitment";
                }
            }
        }

        if (round.Publication is { } published)
        {
            steps.Add(("published", published.PublishedAt));
            if (published.PublishedAt >= round.Commitment!.PublishBy)
            {
                return $"published at {published.PublishedAt}, after the first source resolved at {round.Commitment.PublishBy}";
            }

            if (published.CommitmentSequence >= 0 && round.Pool.AsOfSequence >= published.CommitmentSequence)
            {
                return "the pool's ledger position is not before the commitment";
            }
        }

        foreach (var secret in round.Secrets)
        {
            if (secret.RevealedAt >= round.Commitment!.PublishBy)
            {
                return $"party secret {secret.Index} was revealed at {secret.RevealedAt}, after the sources began to resolve";
            }
        }

        if (round.Randomness is { } recorded)
        {
            if (round.Publication is null)
            {
                return "randomness was recorded without a published commitment";
            }

            var latest = round.Commitment!.Sources.Max(source => source.ResolvesAt);
            if (recorded.RecordedAt < latest)
            {
                return $"randomness was recorded at {recorded.RecordedAt}, before the last source resolved at {latest}";
            }

            steps.Add(("randomness recorded", recorded.RecordedAt));
        }

        if (round.Execution is { } executed)
        {
            steps.Add(("executed", executed.ExecutedAt));
        }

        if (round.Assignment is { } assigned)
        {
            steps.Add(("inspectors assigned", assigned.AssignedAt));
        }

        foreach (IAttributedEvent adjustment in round.Adjustments)
        {
            var step = adjustment is EntitySubstituted ? "entity substituted" : "inspector reassigned";
            if (round.Assignment is null || adjustment.OccurredAt < round.Assignment.AssignedAt)
            {
                return $"'{step}' at {adjustment.OccurredAt} precedes the assignment of inspectors";
            }
        }

        for (var i = 1; i < steps.Count; i++)
        {
            if (steps[i].At < steps[i - 1].At)
            {
                return $"'{steps[i].Step}' at {steps[i].At} precedes '{steps[i - 1].Step}' at {steps[i - 1].At}";
            }
        }

        return null;
    }

    private static string? Selection(EntitySelection selection, DrawExecuted executed)
    {
        var strata = selection.Strata.Select(stratum => new StratumOutcome(stratum.Stratum, stratum.Ranked.Count, stratum.SampleSize)).ToList();
        if (!strata.SequenceEqual(executed.Strata))
        {
            return "the per-stratum sizes (N_h, n_h) differ from the recorded ones";
        }

        if (selection.Selected.Count != executed.Selected.Count)
        {
            return $"recomputed {selection.Selected.Count} selected entities, recorded {executed.Selected.Count}";
        }

        for (var i = 0; i < selection.Selected.Count; i++)
        {
            var (mine, theirs) = (selection.Selected[i], executed.Selected[i]);
            var ticket = Convert.ToHexStringLower(mine.Ticket);
            if (mine.Id != theirs.EntityId || mine.Stratum != theirs.Stratum || mine.Rank != theirs.Rank || ticket != theirs.Ticket)
            {
                return $"selection position {i}: recomputed {mine.Stratum}/{mine.Id} rank {mine.Rank} ticket {ticket}, recorded {theirs.Stratum}/{theirs.EntityId} rank {theirs.Rank} ticket {theirs.Ticket}";
            }
        }

        var root = Convert.ToHexStringLower(selection.Root);
        return root == executed.SelectionRoot ? null : $"recomputed selection root {root}, recorded {executed.SelectionRoot}";
    }

    private static string? Assignments(InspectorsAssigned recomputed, InspectorsAssigned recorded)
    {
        if (recomputed.Assignments.Count != recorded.Assignments.Count)
        {
            return $"recomputed {recomputed.Assignments.Count} walks, recorded {recorded.Assignments.Count}";
        }

        for (var i = 0; i < recomputed.Assignments.Count; i++)
        {
            var (mine, theirs) = (recomputed.Assignments[i], recorded.Assignments[i]);
            if (mine.EntityId != theirs.EntityId || mine.Stratum != theirs.Stratum || !mine.Candidates.SequenceEqual(theirs.Candidates))
            {
                var at = mine.Candidates.Zip(theirs.Candidates).TakeWhile(pair => pair.First == pair.Second).Count();
                return $"walk {i} (entity {mine.EntityId}): recorded {theirs.EntityId} differs at candidate {at}";
            }
        }

        return recomputed.Infeasible.SequenceEqual(recorded.Infeasible) ? null : "the infeasible entities differ from the recorded ones";
    }

    private static int FirstDifference(string left, string right) =>
        left.Zip(right).TakeWhile(pair => pair.First == pair.Second).Count();
}
