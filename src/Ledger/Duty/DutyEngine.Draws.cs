using System.Security.Cryptography;
using System.Text;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Integrity;
using NodaTime;

namespace FairDraw.Ledger.Duty;

public static partial class DutyEngine
{
    /// <summary>Clause 3: every round of every filed task, by the DRAW-v1 checks that need only the round's events.</summary>
    private static DutyClause DrawnFairly(DutyLedger ledger, DutyTiming timing, string ledgerKey)
    {
        var clause = new DutyClauseBuilder(3, "draws");
        foreach (var (taskId, _) in ledger.FiledTasks)
        {
            if (!ledger.Tasks.TryGetValue(taskId, out var task))
            {
                clause.Check([]);
                clause.Find(DutyVerdict.Pending, "not-drawn", taskId, [], $"任务{taskId}尚未摇号 / task {taskId} is not drawn yet");
                continue;
            }

            foreach (var round in task.Draw.Rounds)
            {
                var events = task.RoundEvents(round.Number).ToList();
                clause.Check(events);
                var subject = $"{taskId} round {round.Number}";
                foreach (var (verdict, code, cited, detail) in RoundFindings(task, round, events, timing, ledgerKey))
                {
                    clause.Find(verdict, code, subject, cited, detail);
                }
            }
        }

        return clause.Build();
    }

    private static IEnumerable<(string Verdict, string Code, IEnumerable<DutyEvent> Cited, string Detail)> RoundFindings(
        DutyTask task, DrawRound round, List<DutyEvent> events, DutyTiming timing, string ledgerKey)
    {
        // Where a round holds more than one event of a kind (a valid ledger does not), the newest counts (spec §5), as in
        // the round's fold.
        DutyEvent Of<T>() => events.Last(e => e.Data is T);
        if (round.Number >= 2 && string.IsNullOrWhiteSpace(round.Pool.Reason))
        {
            yield return (DutyVerdict.NotFulfilled, "redraw-without-reason", [Of<PoolFrozen>()], "重新摇号未说明理由 / a redraw without a reason");
        }

        if (round.SetAside is { } aside && (string.IsNullOrWhiteSpace(aside.Reason) || string.IsNullOrWhiteSpace(aside.ApprovedBy) || aside.ApprovedBy == aside.SetAsideBy))
        {
            yield return (DutyVerdict.NotFulfilled, "set-aside-unapproved", [Of<RoundSetAside>()],
                "搁置未说明理由或未经他人会签 / set aside without a reason or another person's countersignature");
        }

        if (round.Commitment is not { } committed)
        {
            if (round.Number == task.Draw.Rounds.Count && round.SetAside is null)
            {
                yield return InProgress(round, events);
            }

            yield break;
        }

        var (commitment, commitmentProblem) = Commitment(round, committed, ledgerKey);
        if (commitmentProblem is { } problem)
        {
            yield return (DutyVerdict.NotFulfilled, problem.Code, [Of<DrawCommitted>(), Of<PoolFrozen>()], problem.Detail);
        }

        if (round.Publication is not null)
        {
            var published = Of<CommitmentPublished>();
            var timingOf = timing.Judge(published, committed.PublishBy);
            yield return (DutyTiming.VerdictOf(timingOf), timingOf == Timing.Late ? "published-late" : "publication-time-undetermined", [published],
                $"承诺应于{DutyTiming.Format(committed.PublishBy)}之前公开 / the commitment is due to be published before {DutyTiming.Format(committed.PublishBy)}");
        }

        var resolves = committed.Sources.Max(source => source.ResolvesAt);
        if (round.Randomness is not null)
        {
            var recorded = Of<RandomnessRecorded>();
            var after = timing.AtOrAfter(recorded, resolves);
            yield return (after switch { true => DutyVerdict.Fulfilled, false => DutyVerdict.NotFulfilled, _ => DutyVerdict.Undetermined },
                after == false ? "randomness-before-resolution" : "randomness-time-undetermined", [recorded, Of<DrawCommitted>()],
                $"随机值应在{DutyTiming.Format(resolves)}之后记录 / the randomness is due to be recorded after {DutyTiming.Format(resolves)}");
            if (LotteryProblem(round, committed) is { } lottery)
            {
                yield return (DutyVerdict.NotFulfilled, "lottery-not-confirmed", [recorded, .. events.Where(e => e.Data is LotteryValuesConfirmed)], lottery);
            }
        }

        if (round.Execution is { } executed && commitment is not null && round.Randomness is not null
            && ExecutionProblem(round, commitment, executed) is { } execution)
        {
            yield return (DutyVerdict.NotFulfilled, execution.Code, [Of<DrawExecuted>(), Of<RandomnessRecorded>(), Of<DrawCommitted>()], execution.Detail);
        }

        if (round.Number < task.Draw.Rounds.Count)
        {
            if (Replaced(task, round, events, timing, resolves) is { } replaced)
            {
                yield return replaced;
            }

            yield break;
        }

        var state = RoundStates.Of(task.Draw, round, timing.AsOfTime ?? Instant.MinValue);
        if (state == RoundState.Lapsed && RoundStates.LapsedAt(round) >= resolves)
        {
            yield return (DutyVerdict.NotFulfilled, LapsedAfterResolved, events, LapsedText(round));
        }
        else if (state is RoundState.Frozen or RoundState.Committed or RoundState.Published or RoundState.Resolved or RoundState.Executed)
        {
            yield return InProgress(round, events);
        }
    }

    private const string LapsedAfterResolved = "attention: lapsed-after-resolved";

    private static string LapsedText(DrawRound round) =>
        $"第{round.Number}轮在随机源产生后失效：操作者已可见随机值而任其失效 / round {round.Number} lapsed after its sources resolved: "
        + "the operator saw the values and let it lapse";

    /// <summary>
    /// A replaced round lapsed when the newer round was frozen at or after its lapse instant, by that freeze's witnessed
    /// bounds, not its FrozenAt (spec §5 clause 3 step 8); only a lapse at or after R (<paramref name="resolves"/>) matters.
    /// </summary>
    private static (string Verdict, string Code, IEnumerable<DutyEvent> Cited, string Detail)? Replaced(
        DutyTask task, DrawRound round, List<DutyEvent> events, DutyTiming timing, Instant resolves)
    {
        if (round.SetAside is not null || RoundStates.LapsedAt(round) is not { } lapse || lapse < resolves)
        {
            return null;
        }

        var newer = task.RoundEvents(round.Number + 1).First(e => e.Data is PoolFrozen);
        return timing.AtOrAfter(newer, lapse) switch
        {
            true => (DutyVerdict.NotFulfilled, LapsedAfterResolved, [.. events, newer], LapsedText(round)),
            false => null,
            null => (DutyVerdict.Undetermined, "lapse-time-undetermined", [.. events, newer],
                $"见证时间无法判定第{round.Number + 1}轮冻结于第{round.Number}轮失效（{DutyTiming.Format(lapse)}）之前还是之后 / the witnessed bounds "
                + $"cannot tell whether round {round.Number + 1} was frozen before or after round {round.Number} lapsed at {DutyTiming.Format(lapse)}"),
        };
    }

    private static (string Verdict, string Code, IEnumerable<DutyEvent> Cited, string Detail) InProgress(DrawRound round, List<DutyEvent> events) =>
        (DutyVerdict.Pending, "in-progress", events, $"第{round.Number}轮尚未完成分派 / round {round.Number} is not assigned yet");

    /// <summary>The commitment rebuilt from the frozen round (so it binds the frozen roots), its hash and its signature.</summary>
    private static (DrawCommitment? Commitment, (string Code, string Detail)? Problem) Commitment(DrawRound round, DrawCommitted committed, string ledgerKey)
    {
        DrawCommitment commitment;
        try
        {
            commitment = round.RebuildCommitment(committed);
        }
        catch (Exception error) when (error is DomainException or FormatException or ArgumentException)
        {
            return (null, ("commitment-mismatch", "无法由冻结池重建承诺 / the commitment cannot be rebuilt from the frozen round: " + error.Message));
        }

        var canonical = Encoding.UTF8.GetBytes(committed.Canonical);
        return !commitment.CanonicalBytes.AsSpan().SequenceEqual(canonical)
                ? (commitment, ("commitment-mismatch", "承诺与冻结池不符 / the commitment does not bind the frozen roots and rules"))
            : Convert.ToHexStringLower(SHA256.HashData(canonical)) != committed.CommitHash
                ? (commitment, ("commit-hash", "CommitHash 不是承诺的 SHA-256 / CommitHash is not SHA-256 of the commitment"))
            : committed.SigningKey != ledgerKey || !CheckpointVerifier.VerifyCommitment(canonical, committed.Signature, ledgerKey)
                ? (commitment, ("commitment-signature", "承诺签名在可信账本密钥下不成立 / the commitment's signature does not verify under the trusted ledger key"))
            : (commitment, null);
    }

    private static string? LotteryProblem(DrawRound round, DrawCommitted committed)
    {
        var lotteries = committed.Sources.Where(source => source.Kind == RandomnessSource.Lottery).Select(source => source.Label).ToHashSet(StringComparer.Ordinal);
        if (lotteries.Count == 0)
        {
            return null;
        }

        var recorded = round.Randomness!.Values.Where(value => lotteries.Contains(value.Label)).ToList();
        return round.Confirmation is not { } confirmed ? "开奖号码未经他人复核 / the lottery values were not confirmed by another person"
            : confirmed.ConfirmedBy == round.Randomness.RecordedBy ? "开奖号码由记录人本人复核 / the recorder confirmed their own lottery values"
            : !confirmed.Values.SequenceEqual(recorded) ? "复核的开奖号码与记录不符 / the confirmed lottery values differ from the recorded ones"
            : null;
    }

    /// <summary>PRK, per-stratum sample sizes, tickets, ranks and rank roots of an execution, from the round's events alone.</summary>
    private static (string Code, string Detail)? ExecutionProblem(DrawRound round, DrawCommitment commitment, DrawExecuted executed)
    {
        DrawSeed seed;
        try
        {
            seed = DrawSeed.Derive(commitment, round.RandomnessRecord(commitment, round.Randomness!));
        }
        catch (Exception error) when (error is DomainException or FormatException or ArgumentException)
        {
            return ("prk-mismatch", "无法由记录的随机值计算 PRK / the PRK cannot be computed from the recorded values: " + error.Message);
        }

        if (Convert.ToHexStringLower(seed.Prk) != executed.Prk)
        {
            return ("prk-mismatch", "PRK 与由随机值和揭示的秘密计算的不符 / the PRK differs from the one the values and revealed secrets give");
        }

        foreach (var stratum in executed.Strata)
        {
            var frozen = round.Pool.Strata.FirstOrDefault(s => s.Stratum == stratum.Stratum)?.Count;
            var selected = executed.Selected.Where(entity => entity.Stratum == stratum.Stratum).ToList();
            if (frozen != stratum.PoolSize || commitment.Rules.For(stratum.Stratum).Ratio.SampleSize(stratum.PoolSize) != stratum.SampleSize
                || selected.Count != stratum.SampleSize)
            {
                return ("sample-size", $"分层{stratum.Stratum}的样本数不是 ceil(比例 × N_h) / stratum {stratum.Stratum}: the sample is not ceil(ratio × N_h) of the frozen pool");
            }

            // One HMAC key schedule for the stratum's tickets: a city's round selects thousands of objects.
            using var tickets = seed.Tickets("entity", stratum.Stratum);
            byte[]? previous = null;
            for (var i = 0; i < selected.Count; i++)
            {
                var ticket = new byte[DrawSeed.TicketSize];
                tickets.Write(selected[i].EntityId.Normalize(), ticket);
                if (Convert.ToHexStringLower(ticket) != selected[i].Ticket)
                {
                    return ("ticket-mismatch", $"{selected[i].EntityId}的签号与 PRK 不符 / the ticket of {selected[i].EntityId} is not ticket(\"entity\", stratum, id) under the PRK");
                }

                if (selected[i].Rank != i || (previous is not null && DrawEncoding.CompareBytes(previous, ticket) > 0))
                {
                    return ("rank-order", $"分层{stratum.Stratum}的名次不是签号升序 / stratum {stratum.Stratum}: ranks are not the tickets in ascending order");
                }

                previous = ticket;
            }
        }

        return executed.RankRoots is { } roots && executed.Strata.All(stratum => roots.Any(root => root.Stratum == stratum.Stratum))
            ? null
            : ("rank-roots-missing", "未记录各分层的排名根 / the execution records no rank root for every stratum");
    }
}
