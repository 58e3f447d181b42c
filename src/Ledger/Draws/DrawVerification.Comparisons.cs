using FairDraw.Ledger.Draws.Engine;
using NodaTime;

namespace FairDraw.Ledger.Draws;

/// <summary>How a recomputed value is compared with the recorded one, and the first difference named.</summary>
public static partial class DrawVerification
{
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

    private static string? Order(DrawRound round, IReadOnlyList<DrawEventReceipt> receipts)
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

        if (LotteryConfirmation(round, receipts) is { } unconfirmed)
        {
            return unconfirmed;
        }

        if (round.Confirmation is { } confirmed)
        {
            steps.Add(("lottery values confirmed", confirmed.ConfirmedAt));
        }

        if (round.Execution is { } executed)
        {
            steps.Add(("executed", executed.ExecutedAt));
        }

        if (round.Assignment is { } assigned)
        {
            steps.Add(("inspectors assigned", assigned.AssignedAt));
        }

        foreach (var adjustment in round.Adjustments.Cast<IAttributedEvent>())
        {
            var step = adjustment is EntitySubstituted ? "entity substituted" : "inspector reassigned";
            if (round.Assignment is null || adjustment.OccurredAt < round.Assignment.AssignedAt)
            {
                return $"'{step}' at {adjustment.OccurredAt} precedes the assignment of inspectors";
            }

            if (round.SetAside is { } aside && adjustment.OccurredAt > aside.SetAsideAt)
            {
                return $"'{step}' at {adjustment.OccurredAt} follows the round's set-aside at {aside.SetAsideAt}";
            }
        }

        if (round.SetAside is { } setAside)
        {
            steps.Add(("set aside", setAside.SetAsideAt));
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

    /// <summary>
    /// A recorded lottery value counts only once a second party confirmed it (§13 step 5a): each lottery value names its
    /// announcement, and before an execution a confirmation by someone other than the recorder carries the recorded
    /// lottery values, after the recording and before the execution in the ledger (when receipts give the sequences).
    /// A recording without evidence predates the rule (issue 20) and is not held to it.
    /// </summary>
    private static string? LotteryConfirmation(DrawRound round, IReadOnlyList<DrawEventReceipt> receipts)
    {
        if (round.Randomness is not { Evidence: { } evidence } recorded)
        {
            return round.Confirmation is null || round.Randomness is not null ? null : "lottery values were confirmed without recorded randomness";
        }

        var lottery = round.Commitment!.Sources.Where(source => source.Kind == RandomnessSource.Lottery).Select(source => source.Label).ToHashSet();
        if (lottery.FirstOrDefault(label => !evidence.Any(item => item.Label == label && !string.IsNullOrWhiteSpace(item.Announcement))) is { } bare)
        {
            return $"the lottery value '{bare}' was recorded without the reference of its official announcement";
        }

        if (round.Confirmation is not { } confirmed)
        {
            return round.Execution is null ? null : "executed although no second party confirmed the lottery values";
        }

        long? SequenceOf<TEvent>() => receipts.FirstOrDefault(receipt => receipt.Event is TEvent)?.Sequence;
        var (recordedAt, confirmedAt, executedAt) = (SequenceOf<RandomnessRecorded>(), SequenceOf<LotteryValuesConfirmed>(), SequenceOf<DrawExecuted>());
        return !confirmed.Values.SequenceEqual(recorded.Values.Where(value => lottery.Contains(value.Label)))
                ? "the confirmed lottery values differ from the recorded ones"
            : confirmed.ConfirmedBy == recorded.RecordedBy ? $"the lottery values were confirmed by their recorder '{recorded.RecordedBy}'"
            : confirmedAt < recordedAt || confirmedAt > executedAt
                ? $"the confirmation (ledger sequence {confirmedAt}) is not between the recording ({recordedAt}) and the execution ({executedAt})"
            : null;
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

    private static string? RankRoots(EntitySelection selection, DrawExecuted executed)
    {
        if (executed.RankRoots is not { } recorded)
        {
            return null;
        }

        var recomputed = DrawDecisions.RankRoots(selection);
        if (recomputed.Count != recorded.Count)
        {
            return $"recomputed {recomputed.Count} rank roots, recorded {recorded.Count}";
        }

        var at = recomputed.Zip(recorded).TakeWhile(pair => pair.First == pair.Second).Count();
        return at == recomputed.Count ? null
            : $"stratum {recomputed[at].Stratum}: recomputed rank root {recomputed[at].Root}, recorded {recorded[at].Stratum} {recorded[at].Root}";
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
