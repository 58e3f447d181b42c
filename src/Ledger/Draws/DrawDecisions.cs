using System.Security.Cryptography;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Integrity;
using FairDraw.Ledger.Plans;
using NodaTime;

namespace FairDraw.Ledger.Draws;

/// <summary>
/// The pure decisions of a task's draw (DRAW-v1 steps 1–6; docs/draw-protocol.md and docs/events.md). The order is
/// enforced here: freeze → commit → (commitment in a signed checkpoint) publish → reveal secrets → record randomness
/// (only after every source resolved) → a second party confirms the lottery values → execute → assign. One execution per
/// commitment; a redraw is a new round with a reason and new future sources, over a round set aside with a
/// countersignature or lapsed. A business division or district bureau draws inside its jurisdiction.
/// </summary>
public static class DrawDecisions
{
    /// <summary>The most randomness sources one commitment names (one drand round and one lottery draw are required).</summary>
    public const int MaxSources = 8;

    /// <summary>The most party commitments one commitment carries.</summary>
    public const int MaxParties = 16;

    /// <summary>The field a refused confirmer is named by: the confirmation's own actor, who must not be the recorder.</summary>
    public const string ConfirmedByField = "confirmedBy";

    /// <summary>The longest reference of an official lottery announcement (its notice URL or number), one line.</summary>
    public const int MaxAnnouncement = 300;

    public const string StandardFallback =
        "若任一随机源在公布时间后72小时内未产生，本承诺作废不予执行，须以新的未来随机源重新承诺 / If a source has not resolved 72 hours after its announced time, this commitment lapses unexecuted and a new commitment names new future sources.";

    /// <summary>
    /// How long after its announced time a source may stay unresolved before the fallback (committed with every round)
    /// lapses the round. A published round whose sources are due cannot be replaced until every source has had this
    /// long: before that, the sources' values may be public, so a new round could set aside a result anyone can compute.
    /// From then on its randomness is no longer taken: the round has lapsed, so it is either executed in time or never.
    /// </summary>
    public static readonly Duration SourceGrace = Duration.FromHours(72);

    /// <summary>Written into every infeasible assignment: what may now happen, and how it is recorded.</summary>
    public const string InfeasibleRelaxation =
        "manual assignment (合理调整) of a qualified inspector by an approver, recorded as InspectorReassigned with reason and evidence";

    /// <summary>Checks the actor may run draws of <paramref name="task"/>; called before the pools are read.</summary>
    public static void AuthorizeDraw(PlannedTask task, Actor actor, string action)
    {
        actor.RequireRole(action, Role.BusinessDivision, Role.DistrictBureau);
        actor.RequireJurisdiction(task.Jurisdiction);
    }

    /// <summary>
    /// The checks of a freeze that need no pools (the actor, the plan, the reason, the earlier round's state), so that a
    /// caller refuses before it reads the directories; returns the new round's number and reason.
    /// </summary>
    public static (int Round, string Reason) MayFreeze(
        PlannedTask task, TaskDraw? state, FreezePool command, Actor actor, Instant now)
    {
        AuthorizeDraw(task, actor, DrawActions.Freeze);
        if (!task.PlanFiled)
        {
            throw DomainException.Conflict("plan", $"计划{task.PlanId}尚未备案（或调整后未重新备案），不能摇号 / plan {task.PlanId} is not filed (or was adjusted and not re-filed): no draw yet");
        }

        var round = (state?.Rounds.Count ?? 0) + 1;
        var reason = round == 1 ? Text.Optional(command.Reason, "reason", 500, multiline: true) : Text.Required(command.Reason, "reason", 500, multiline: true);
        if (state is { Current: var earlier })
        {
            if (earlier.Commitment is null)
            {
                throw DomainException.Conflict("round", $"第{earlier.Number}轮尚未承诺，无需重新冻结 / round {earlier.Number} is not committed yet; commit it instead of freezing again");
            }

            if (Due(earlier, now))
            {
                throw DueConflict(earlier);
            }

            if (earlier.SetAside is null && !Lapsed(earlier, now))
            {
                throw DomainException.Conflict(
                    "round",
                    $"第{earlier.Number}轮已承诺，重新抽取须先以理由、证据及信用监管处或纪检监察的会签撤销该轮（POST …/draw/set-aside），仅凭理由不可 / round {earlier.Number} is committed: a redraw needs it set aside first, with a reason, evidence and the countersignature of the credit supervision office or the auditor (POST …/draw/set-aside); a reason alone is not enough");
            }
        }

        return (round, reason);
    }

    public static IReadOnlyList<object> Freeze(PlannedTask task, TaskDraw? state, FreezePool command, FrozenPools pools, Actor actor, Instant now)
    {
        var (round, reason) = MayFreeze(task, state, command, actor, now);
        if (pools.Entities.Count == 0)
        {
            throw DomainException.Conflict("pool", "抽查对象池为空 / the entity pool is empty: nothing matches the task's filter");
        }

        var frozen = new PoolFrozen(
            task.TaskId,
            round,
            task.PlanId,
            task.Jurisdiction,
            task.Year,
            task.Spec,
            task.PoolTypes,
            pools.AsOfSequence,
            pools.Excluded,
            Convert.ToHexStringLower(pools.Entities.Root),
            pools.Entities.Count,
            pools.Entities.Strata,
            Convert.ToHexStringLower(pools.Inspectors.Root),
            [.. pools.Inspectors.Members.Select(inspector => new FrozenInspector(inspector.Id, inspector.Unit, inspector.Status, inspector.Expertise, inspector.Capacity))],
            Convert.ToHexStringLower(pools.Conflicts.Root),
            [.. pools.Conflicts.Members.Select(pair => new FrozenConflict(pair.InspectorId, pair.EntityId))],
            reason.Length == 0 ? null : reason,
            actor.Id,
            now);
        DrawRound.RulesOf(frozen); // every stratum has a ratio and the rule set is lawful, or the freeze is refused
        return [frozen];
    }

    public static IReadOnlyList<object> Commit(PlannedTask task, TaskDraw? state, CommitDraw command, CheckpointSigner signer, Actor actor, Instant now)
    {
        AuthorizeDraw(task, actor, DrawActions.Commit);
        var round = Current(state, task.TaskId);
        if (round.Commitment is not null)
        {
            throw DomainException.Conflict("round", $"第{round.Number}轮已承诺；重新摇号须以理由冻结新一轮 / round {round.Number} is already committed; a redraw is a new round frozen with a reason");
        }

        var sources = Text.AtMost(command.Sources, "sources", MaxSources).Select((source, i) => FutureSources.Resolve(source, i, now)).ToList();
        if (!sources.Any(source => source.Kind == RandomnessSource.Drand) || !sources.Any(source => source.Kind == RandomnessSource.Lottery))
        {
            throw DomainException.Invalid("sources", "须至少指定一个drand轮次和一期全国性彩票开奖 / name at least one drand round and one national lottery draw");
        }

        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i].ResolvesAt < now + FutureSources.MinimumLead)
            {
                throw DomainException.Invalid($"sources[{i}]", $"随机源须在承诺至少24小时之后产生，{sources[i].Reference}产生于{sources[i].ResolvesAt} / a source must resolve at least 24 hours after the commitment; {sources[i].Reference} resolves at {sources[i].ResolvesAt}");
            }

            var reused = state!.Rounds.Where(earlier => earlier.Commitment is not null)
                .FirstOrDefault(earlier => earlier.Commitment!.Sources.Any(source => source.Reference == sources[i].Reference));
            if (reused is not null)
            {
                throw DomainException.Invalid($"sources[{i}]", $"重新摇号须使用新的未来随机源；{sources[i].Reference}已用于第{reused.Number}轮 / a redraw needs new future sources; {sources[i].Reference} was committed in round {reused.Number}");
            }
        }

        var parties = Text.AtMost(command.PartyCommitments, "partyCommitments", MaxParties).Select((hex, i) => Hash(hex, $"partyCommitments[{i}]")).ToList();
        var commitment = DrawCommitment.Create(
            task.TaskId,
            round.EntitySummary(),
            PoolSummary.Of(round.InspectorPool()),
            PoolSummary.Of(round.ConflictPool()),
            round.Rules(),
            [.. sources.Select(source => new RandomnessSource(source.Label, source.Kind, source.Reference, source.Encoding))],
            StandardFallback,
            parties);
        return
        [
            new DrawCommitted(
                task.TaskId,
                round.Number,
                Convert.ToHexStringLower(commitment.CommitHash),
                System.Text.Encoding.UTF8.GetString(commitment.CanonicalBytes),
                signer.SignCommitment(commitment.CanonicalBytes),
                signer.PublicKeyText(),
                sources,
                StandardFallback,
                [.. parties.Select(Convert.ToHexStringLower)],
                sources.Min(source => source.ResolvesAt),
                actor.Id,
                now),
        ];
    }

    /// <summary>Marks the commitment published; it must already be inside a signed checkpoint and no source may have resolved.</summary>
    public static IReadOnlyList<object> Publish(PlannedTask task, TaskDraw? state, PublishCommitment command, CommitmentInLog? inLog, Actor actor, Instant now)
    {
        AuthorizeDraw(task, actor, DrawActions.Publish);
        var round = Current(state, task.TaskId);
        var committed = round.Commitment
            ?? throw DomainException.Conflict("round", $"第{round.Number}轮尚未承诺 / round {round.Number} is not committed yet");
        if (round.Publication is not null)
        {
            throw DomainException.Conflict("round", $"第{round.Number}轮承诺已公示 / the commitment of round {round.Number} is already published");
        }

        var channel = Text.Required(command.Channel, "channel", 100);
        var notice = Text.Required(command.Notice, "notice", 500, multiline: true);
        if (inLog is null)
        {
            throw DomainException.Conflict("checkpoint", "承诺尚未进入已签名的账本检查点，请稍候或先生成检查点（POST /api/ledger/checkpoint） / the commitment is not yet inside a signed checkpoint: wait a moment or POST /api/ledger/checkpoint");
        }

        if (now >= committed.PublishBy)
        {
            throw DomainException.Conflict("publishBy", $"已超过公示期限{committed.PublishBy}（首个随机源已产生），本轮承诺作废，须以理由重新冻结 / too late: a source resolved at {committed.PublishBy}; this commitment lapses, freeze a new round with a reason");
        }

        return [new CommitmentPublished(task.TaskId, round.Number, committed.CommitHash, channel, notice, inLog.Sequence, inLog.LeafIndex, inLog.CheckpointSize, inLog.Checkpoint, actor.Id, now)];
    }

    public static IReadOnlyList<object> RevealSecret(PlannedTask task, TaskDraw? state, RevealPartySecret command, Actor actor, Instant now)
    {
        actor.RequireRole(DrawActions.Reveal, Role.BusinessDivision, Role.DistrictBureau, Role.Auditor);
        actor.RequireJurisdiction(task.Jurisdiction);
        var round = Current(state, task.TaskId);
        var committed = round.Commitment
            ?? throw DomainException.Conflict("round", $"第{round.Number}轮尚未承诺 / round {round.Number} is not committed yet");
        var index = command.Index
            ?? throw DomainException.Invalid("index", "请指定多方秘密的序号（从0起，按承诺顺序） / index is required: the secret's 0-based position in the committed order");
        if (index < 0 || index >= committed.PartyCommitments.Count)
        {
            throw DomainException.Invalid("index", $"本轮承诺了{committed.PartyCommitments.Count}个多方秘密，序号{index}无效 / the round committed {committed.PartyCommitments.Count} party secrets; index {index} is not one of them");
        }

        if (round.Secrets.Any(secret => secret.Index == index))
        {
            throw DomainException.Conflict("index", $"秘密{index}已揭示 / secret {index} is already revealed");
        }

        if (now >= committed.PublishBy)
        {
            throw DomainException.Conflict("publishBy", $"多方秘密须在随机源产生（{committed.PublishBy}）之前揭示 / party secrets are revealed before the sources resolve at {committed.PublishBy}");
        }

        var secret = Bytes(command.Secret, "secret");
        if (Convert.ToHexStringLower(SHA256.HashData(secret)) != committed.PartyCommitments[index])
        {
            throw DomainException.Invalid("secret", $"秘密与承诺的哈希{committed.PartyCommitments[index]}不符 / the secret does not hash to the committed {committed.PartyCommitments[index]}");
        }

        return [new PartySecretRevealed(task.TaskId, round.Number, index, Convert.ToHexStringLower(secret), actor.Id, now)];
    }

    public static IReadOnlyList<object> RecordRandomness(PlannedTask task, TaskDraw? state, RecordRandomness command, Actor actor, Instant now)
    {
        AuthorizeDraw(task, actor, DrawActions.RecordRandomness);
        var round = Current(state, task.TaskId);
        var committed = round.Commitment
            ?? throw DomainException.Conflict("round", $"第{round.Number}轮尚未承诺 / round {round.Number} is not committed yet");
        if (round.Publication is null)
        {
            throw DomainException.Conflict("round", "承诺公示之前不能录入随机数 / no randomness before the commitment is published");
        }

        if (round.Randomness is not null)
        {
            throw DomainException.Conflict("round", $"第{round.Number}轮随机数已录入 / round {round.Number} already has its randomness");
        }

        if (now >= LapsesAt(committed))
        {
            // The committed fallback has taken effect: the round is over, whatever the values turned out to be.
            throw DomainException.Conflict("round", $"第{round.Number}轮已于{LapsesAt(committed)}按补救规则失效，不予执行，须重新抽取 / round {round.Number} lapsed unexecuted at {LapsesAt(committed)}, as its fallback says: draw a new round");
        }

        var pending = committed.Sources.FirstOrDefault(source => source.ResolvesAt > now);
        if (pending is not null)
        {
            throw DomainException.Conflict("sources", $"随机源{pending.Reference}在{pending.ResolvesAt}之后才产生 / source {pending.Reference} resolves at {pending.ResolvesAt}");
        }

        if (round.Secrets.Count != committed.PartyCommitments.Count)
        {
            throw DomainException.Conflict("partySecrets", $"承诺了{committed.PartyCommitments.Count}个多方秘密，已揭示{round.Secrets.Count}个 / {committed.PartyCommitments.Count} party secrets were committed, {round.Secrets.Count} revealed");
        }

        var (values, evidence) = SourceValues(committed, command);
        return [new RandomnessRecorded(task.TaskId, round.Number, values, actor.Id, now, evidence)];
    }

    /// <summary>
    /// The committed sources' values as step 5 takes them, canonical and checked against each source's form, with what
    /// each rests on (<see cref="Evidence"/>): the one reading of source values, also for a lapsed round's
    /// (<see cref="RecordLapsedValues"/>). The drand values' BLS signatures are checked outside the pure domain
    /// (<see cref="DrandValues.Claims"/>).
    /// </summary>
    public static (IReadOnlyList<SourceValue> Values, IReadOnlyList<SourceEvidence> Evidence) SourceValues(
        DrawCommitted committed, RecordRandomness command)
    {
        var matched = ValuesFor(command.Values, committed.Sources);
        var values = matched.Select(match => match.Source.Kind == RandomnessSource.Drand
            ? SourceValue.Drand(match.Source.Label, match.Input.Signature ?? "", $"values[{match.At}].signature")
            : LotteryValue(match)).ToList();
        return (values, Evidence(matched, values));
    }

    /// <summary>
    /// Records, after a round lapsed, the values its sources resolved to, so that verification shows the sample they
    /// would have drawn. The auditor or the credit office covering the task records them, never the drawing department
    /// whose round it was; only once, only for a round whose randomness was never recorded and whose every party secret
    /// was revealed (else no seed can be derived).
    /// </summary>
    public static IReadOnlyList<object> RecordLapsedValues(
        PlannedTask task, TaskDraw? state, int roundNumber, RecordRandomness command, Actor actor, Instant now)
    {
        actor.RequireRole(DrawActions.RecordLapsedValues, Role.Auditor, Role.CreditOffice);
        actor.RequireJurisdiction(task.Jurisdiction);
        var draw = state ?? throw DomainException.NotFound("round", $"任务{task.TaskId}尚未摇号 / task {task.TaskId} has no draw");
        var round = draw.RoundNumber(roundNumber);
        if (RoundStates.Of(draw, round, now) != RoundState.Lapsed || round.Randomness is not null || round.LapsedValues is not null)
        {
            throw DomainException.Conflict("round", $"第{round.Number}轮不是尚未录入随机数的失效轮次 / round {round.Number} is not a lapsed round without recorded values");
        }

        var committed = round.Commitment!;
        var pending = committed.Sources.FirstOrDefault(source => source.ResolvesAt > now);
        if (pending is not null || round.Secrets.Count != committed.PartyCommitments.Count)
        {
            throw DomainException.Conflict(
                pending is null ? "partySecrets" : "sources",
                pending is null ? "有多方秘密未揭示，无法推算种子 / a party secret was never revealed: no seed can be derived"
                : $"随机源{pending.Reference}在{pending.ResolvesAt}之后才产生 / source {pending.Reference} resolves at {pending.ResolvesAt}");
        }

        var (values, evidence) = SourceValues(committed, command);
        return [new LapsedRoundResolved(task.TaskId, round.Number, values, evidence, actor.Id, now)];
    }

    /// <summary>
    /// Step 4a: a second party confirms the recorded lottery values by entering the numbers again from the official
    /// announcements: the credit supervision office covering the task's jurisdiction or the auditor, never the recorder.
    /// Numbers that differ from the recorded value are refused (409): the round then cannot be executed, only set aside.
    /// </summary>
    public static IReadOnlyList<object> ConfirmLotteryValues(
        PlannedTask task, TaskDraw? state, ConfirmLotteryValues command, Actor actor, Instant now)
    {
        actor.RequireRole(DrawActions.Confirm, Role.CreditOffice, Role.Auditor);
        actor.RequireJurisdiction(task.Jurisdiction);
        var round = Current(state, task.TaskId);
        var recorded = round.Randomness
            ?? throw DomainException.Conflict("round", $"第{round.Number}轮尚未录入随机数，无可确认 / round {round.Number} has no recorded randomness to confirm");
        DrawAdjustments.SecondParty(task, actor, recorded.RecordedBy, ConfirmedByField, auditorToo: true);
        if (round.Confirmation is not null || round.Execution is not null)
        {
            throw DomainException.Conflict("round", $"第{round.Number}轮的彩票开奖号码已确认或已执行 / round {round.Number}'s lottery values are already confirmed, or it is executed");
        }

        var matched = ValuesFor(command.Values, [.. round.Commitment!.Sources.Where(source => source.Kind == RandomnessSource.Lottery)]);
        var values = matched.Select(LotteryValue).ToList();
        for (var i = 0; i < matched.Count; i++)
        {
            var value = recorded.Values.Single(recordedValue => recordedValue.Label == values[i].Label).Value;
            if (values[i].Value != value)
            {
                throw DomainException.Conflict(
                    $"values[{matched[i].At}].numbers",
                    $"确认的号码{values[i].Value}与录入的{value}不符，该轮不能执行，只能经会签撤销 / the confirmed numbers {values[i].Value} differ from the recorded {value}: the round cannot be executed, only set aside with a countersignature");
            }
        }

        return [new LotteryValuesConfirmed(task.TaskId, round.Number, values, actor.Id, now)];
    }

    /// <summary>
    /// Sets the current round aside so that a new round may be frozen (§13 step 9): by the drawing department, with a
    /// reason and evidence, countersigned by the credit supervision office covering the task's jurisdiction or the
    /// auditor. Any committed round may be set aside, except one whose sources are due and within their grace: that one
    /// is recorded and executed first, so that what is set aside has its result in the ledger.
    /// </summary>
    public static IReadOnlyList<object> SetAside(
        PlannedTask task, TaskDraw? state, SetAsideRound command, Actor actor, Actor? approver, Instant now)
    {
        AuthorizeDraw(task, actor, DrawActions.SetAside);
        var approvedBy = DrawAdjustments.SecondParty(task, approver, actor.Id, DrawAdjustments.ApprovalField, auditorToo: true);
        var (reason, evidence) = DrawAdjustments.Justification(command.Reason, command.Evidence);
        var round = Current(state, task.TaskId);
        if (round.Commitment is null)
        {
            throw DomainException.Conflict("round", $"第{round.Number}轮尚未承诺，无需撤销，承诺即可 / round {round.Number} is not committed: nothing to set aside, commit it");
        }

        if (Due(round, now))
        {
            throw DueConflict(round);
        }

        return [new RoundSetAside(task.TaskId, round.Number, reason, evidence, approvedBy, actor.Id, now)];
    }

    /// <summary>
    /// Whether a committed round has lapsed by its fallback, so that a new round may replace it without a set-aside: no
    /// randomness recorded, and unpublished at <c>PublishBy</c>, or published and past <see cref="LapsesAt"/>, or due with a
    /// committed party secret withheld (it can never take its randomness, and the secret was withheld before any source resolved).
    /// </summary>
    public static bool Lapsed(DrawRound round, Instant now) =>
        round is { Commitment: { } committed, Randomness: null }
        && (round.Publication is null
            ? now >= committed.PublishBy
            : now >= LapsesAt(committed) || (now >= committed.PublishBy && round.Secrets.Count < committed.PartyCommitments.Count));

    /// <summary>
    /// A published round, not set aside, whose sources are due and within their grace: its values may be public, so it
    /// is recorded and executed.
    /// </summary>
    private static bool Due(DrawRound round, Instant now) =>
        round is { Commitment: { } committed, Publication: not null, Randomness: null, SetAside: null }
        && now >= committed.PublishBy && !Lapsed(round, now);

    private static DomainException DueConflict(DrawRound round) => DomainException.Conflict(
        "round",
        $"第{round.Number}轮的随机源已到开奖时间，须登记随机数并执行；仅当随机源未产生时，该轮按补救规则于{LapsesAt(round.Commitment!)}失效后方可重新抽取 / round {round.Number}'s sources are due: record their values and execute it; only if a source fails to resolve does the round lapse, at {LapsesAt(round.Commitment!)}, as the committed fallback says");

    /// <summary>
    /// The input given for each of <paramref name="sources"/>, in their order, with its position in the request: errors
    /// name the offending member by its JSON path (values[1].signature), in the request's order.
    /// </summary>
    private static IReadOnlyList<(CommittedSource Source, RandomnessInput Input, int At)> ValuesFor(
        IReadOnlyList<RandomnessInput>? values, IReadOnlyList<CommittedSource> sources)
    {
        var inputs = Text.AtMost(values, "values", MaxSources);
        for (var i = 0; i < inputs.Count; i++)
        {
            var label = inputs[i]?.Label
                ?? throw DomainException.Invalid(inputs[i] is null ? $"values[{i}]" : $"values[{i}].label", "请指定随机源的标签 / name the source's label");
            if (sources.All(source => source.Label != label))
            {
                throw DomainException.Invalid($"values[{i}].label", $"承诺中没有此处应给出的随机源“{label}” / '{label}' is not a committed source this step takes");
            }

            if (inputs.Take(i).Any(earlier => earlier.Label == label))
            {
                throw DomainException.Invalid($"values[{i}].label", $"随机源“{label}”的数值给了不止一次 / source '{label}' has more than one value");
            }
        }

        return [.. sources.Select(source =>
        {
            var at = Enumerable.Range(0, inputs.Count).FirstOrDefault(i => inputs[i].Label == source.Label, -1);
            return at >= 0 ? (source, inputs[at], at)
                : throw DomainException.Invalid("values", $"缺少随机源“{source.Label}”的数值 / no value for source '{source.Label}'");
        })];
    }

    /// <summary>A lottery source's canonical value from the numbers given, checked against the registered game's form.</summary>
    private static SourceValue LotteryValue((CommittedSource Source, RandomnessInput Input, int At) match)
    {
        // A round committed before the registry named its game as free text; its values keep the old check only.
        SourceRegistry.GameOfReference(match.Source.Reference)?.RequireForm(match.Input.Numbers ?? [], $"values[{match.At}].numbers");
        return SourceValue.Lottery(match.Source.Label, match.Input.Numbers ?? [], $"values[{match.At}].numbers");
    }

    /// <summary>
    /// What the recorded values rest on (<see cref="RandomnessRecorded.Evidence"/>): one entry per source that has
    /// something, in committed order. A lottery value needs the reference of the official announcement it was read from
    /// (one line, at most <see cref="MaxAnnouncement"/> characters); a drand value takes none, and a chained chain's
    /// value needs the previous round's signature (<see cref="DrandValues.RequireForm"/>).
    /// </summary>
    private static IReadOnlyList<SourceEvidence> Evidence(
        IReadOnlyList<(CommittedSource Source, RandomnessInput Input, int At)> matched, IReadOnlyList<SourceValue> values) =>
        [.. matched.Zip(values, (match, value) => EvidenceOf(match.Source, match.Input, match.At, value)).OfType<SourceEvidence>()];

    private static SourceEvidence? EvidenceOf(CommittedSource source, RandomnessInput input, int at, SourceValue value)
    {
        if (source.Kind == RandomnessSource.Lottery)
        {
            return new SourceEvidence(source.Label, null, Text.Required(input.Announcement, $"values[{at}].announcement", MaxAnnouncement));
        }

        return string.IsNullOrWhiteSpace(input.Announcement)
            ? DrandValues.RequireForm(source, value, input.PreviousSignature, $"values[{at}]")
            : throw DomainException.Invalid($"values[{at}].announcement", "drand数值没有开奖公告 / a drand value has no announcement: it is checked against the chain");
    }

    /// <summary>Executes the round over its frozen entity pool as restored from the kept copy; it must have the frozen root.</summary>
    public static IReadOnlyList<object> Execute(PlannedTask task, TaskDraw? state, EntityPool restored, Actor actor, Instant now)
    {
        AuthorizeDraw(task, actor, DrawActions.Execute);
        var round = Current(state, task.TaskId);
        var recorded = round.Randomness
            ?? throw DomainException.Conflict("round", "随机数录入之前不能执行摇号 / no execution before the randomness is recorded");
        if (round.Execution is not null)
        {
            throw DomainException.Conflict("round", $"第{round.Number}轮已执行；每个承诺只执行一次 / round {round.Number} is already executed: one execution per commitment");
        }

        if (round.Confirmation is null)
        {
            throw DomainException.Conflict("confirmation", "彩票开奖号码须先经信用监管处或纪检监察确认（POST …/draw/randomness/confirmation）方可执行 / the lottery values count only once the credit supervision office or the auditor confirms them (POST …/draw/randomness/confirmation): no execution before");
        }

        RequireFrozen(round, restored);

        var commitment = round.RebuildCommitment(round.Commitment!);
        var seed = DrawSeed.Derive(commitment, round.RandomnessRecord(commitment, recorded));
        var selection = EntitySelection.Draw(seed, restored, commitment.Rules);
        return
        [
            new DrawExecuted(
                task.TaskId,
                round.Number,
                round.Commitment!.CommitHash,
                Convert.ToHexStringLower(seed.Prk),
                [.. selection.Strata.Select(stratum => new StratumOutcome(stratum.Stratum, stratum.Ranked.Count, stratum.SampleSize))],
                Recorded(selection),
                Convert.ToHexStringLower(selection.Root),
                actor.Id,
                now,
                RankRoots(selection)),
        ];
    }

    /// <summary>Every stratum's rank root in stratum order (§8.1), the strata's full sorts run side by side.</summary>
    public static IReadOnlyList<RankRoot> RankRoots(EntitySelection selection) =>
        [.. selection.Strata.AsParallel().AsOrdered().Select(stratum => new RankRoot(stratum.Stratum, Convert.ToHexStringLower(stratum.RankRoot())))];

    /// <summary>A selection as the ledger records it: stratum, entity, rank and ticket (hex), in selection order.</summary>
    public static IReadOnlyList<SelectedEntity> Recorded(EntitySelection selection) =>
        [.. selection.Selected.Select(entity => new SelectedEntity(entity.Stratum, entity.Id, entity.Rank, Convert.ToHexStringLower(entity.Ticket)))];

    /// <summary>When a published round without recorded randomness lapses: every committed source has had <see cref="SourceGrace"/>.</summary>
    public static Instant LapsesAt(DrawCommitted committed) => committed.Sources.Max(source => source.ResolvesAt) + SourceGrace;

    /// <summary>Refuses a pool whose root is not the round's frozen root (rebuilt from a directory edited behind the ledger, or another round's).</summary>
    internal static void RequireFrozen(DrawRound round, EntityPool restored)
    {
        var root = Convert.ToHexStringLower(restored.Root);
        if (root != round.Pool.EntityRoot)
        {
            throw DomainException.Conflict("pool", $"恢复的对象池根{root}与冻结时的{round.Pool.EntityRoot}不一致 / the restored pool has root {root}, not the frozen {round.Pool.EntityRoot}");
        }
    }

    public static IReadOnlyList<object> Assign(PlannedTask task, TaskDraw? state, Actor actor, Instant now)
    {
        AuthorizeDraw(task, actor, DrawActions.Assign);
        var round = Current(state, task.TaskId);
        var executed = round.Execution
            ?? throw DomainException.Conflict("round", "摇号执行之前不能匹配检查人员 / no assignment before the draw is executed");
        if (round.Assignment is not null)
        {
            throw DomainException.Conflict("round", $"第{round.Number}轮已匹配检查人员 / round {round.Number} already has its inspectors");
        }

        var commitment = round.RebuildCommitment(round.Commitment!);
        var seed = DrawSeed.Derive(commitment, round.RandomnessRecord(commitment, round.Randomness!));
        var transcript = InspectorMatching.Match(seed, Selected(executed), round.InspectorPool(), round.ConflictPool(), commitment.Rules);
        return [Record(task.TaskId, round.Number, transcript, actor.Id, now)];
    }

    /// <summary>The recorded selection as ranked entities, in selection order.</summary>
    public static IReadOnlyList<RankedEntity> Selected(DrawExecuted executed) =>
        [.. executed.Selected.Select(entity => new RankedEntity(entity.Stratum, entity.EntityId, Convert.FromHexString(entity.Ticket), entity.Rank))];

    public static InspectorsAssigned Record(string taskId, int round, AssignmentTranscript transcript, string actor, Instant now) => new(
        taskId,
        round,
        [.. transcript.Entities.Select(Record)],
        [.. transcript.Infeasible.Select(entity => new InfeasibleAssignment(entity.Stratum, entity.EntityId, entity.Found, entity.Required, InfeasibleRelaxation))],
        actor,
        now);

    public static EntityAssignmentRecord Record(EntityAssignment assignment) =>
        new(assignment.Stratum, assignment.EntityId, [.. assignment.Candidates.Select(candidate => new CandidateRecord(candidate.InspectorId, candidate.Decision))]);

    /// <summary>The round every step after the freeze acts on; a round set aside takes no further step.</summary>
    internal static DrawRound Current(TaskDraw? state, string taskId)
    {
        var round = state?.Current ?? throw DomainException.Conflict("round", $"任务{taskId}尚未冻结对象池 / task {taskId} has no frozen pool yet");
        return round.SetAside is null
            ? round
            : throw DomainException.Conflict("round", $"第{round.Number}轮已撤销，不再进行任何步骤；须以理由冻结新一轮 / round {round.Number} was set aside and takes no further step: freeze a new round with a reason");
    }

    private static byte[] Hash(string? hex, string field)
    {
        var bytes = Bytes(hex, field);
        return bytes.Length == SHA256.HashSizeInBytes
            ? bytes
            : throw DomainException.Invalid(field, "应为64位十六进制的SHA-256 / expected a SHA-256 as 64 hex digits");
    }

    private static byte[] Bytes(string? hex, string field)
    {
        var text = hex?.Trim() ?? "";
        return text.Length > 0 && text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit)
            ? Convert.FromHexString(text)
            : throw DomainException.Invalid(field, "应为偶数位十六进制 / expected an even number of hex digits");
    }
}
