using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Plans;
using NodaTime;

namespace FairDraw.Ledger.Draws;

/// <summary>
/// Who holds what after a round's assignment and every later adjustment: the inspectors of each sampled entity, how
/// many objects each inspector holds, how far each entity's inspector ranking has been consulted, and the substitutions.
/// Substitution, reassignment and their verification all read the round through it.
/// </summary>
public sealed class AssignmentBook
{
    private readonly Dictionary<string, List<string>> _assigned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _consulted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _held = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _removed = new(StringComparer.Ordinal);
    private readonly List<Substitution> _substitutions = [];

    private AssignmentBook(DrawRound round)
    {
        Round = round;
    }

    /// <summary>The round this book was built from (a kept book is used only for that very round).</summary>
    public DrawRound Round { get; }

    public IReadOnlyDictionary<string, int> Held => _held;

    public IReadOnlyList<Substitution> Substitutions => _substitutions;

    public IReadOnlyList<string> InspectorsOf(string entityId) => _assigned.TryGetValue(entityId, out var ids) ? ids : [];

    public int ConsultedOf(string entityId) => _consulted.GetValueOrDefault(entityId);

    public bool WasRemoved(string entityId, string inspectorId) => _removed.TryGetValue(entityId, out var ids) && ids.Contains(inspectorId);

    /// <summary>Whether <paramref name="entityId"/> is in the current sample (selected or brought in, not replaced).</summary>
    public bool Samples(string entityId) => _assigned.ContainsKey(entityId);

    internal IReadOnlySet<string> RemovedFrom(string entityId) =>
        _removed.TryGetValue(entityId, out var ids) ? ids : new HashSet<string>(StringComparer.Ordinal);

    public static AssignmentBook Of(DrawRound round)
    {
        var book = new AssignmentBook(round);
        foreach (var walk in round.Assignment?.Assignments ?? [])
        {
            book.Record(walk);
        }

        foreach (var adjustment in round.Adjustments)
        {
            book.Apply(adjustment);
        }

        return book;
    }

    private void Apply(DrawAdjustment adjustment)
    {
        switch (adjustment)
        {
            case EntitySubstituted substituted:
                foreach (var inspector in InspectorsOf(substituted.ReplacedId))
                {
                    _held[inspector]--;
                }

                _assigned.Remove(substituted.ReplacedId);
                _substitutions.Add(new Substitution(
                    substituted.Stratum,
                    substituted.ReplacedId,
                    new RankedEntity(substituted.Stratum, substituted.ReplacementId, Convert.FromHexString(substituted.ReplacementTicket), substituted.ReplacementRank),
                    substituted.Reason));
                Record(substituted.Assignment);
                break;
            case InspectorReassigned reassigned:
                if (reassigned.RemovedInspectorId is { } taken)
                {
                    _assigned[reassigned.EntityId].Remove(taken);
                    _held[taken]--;
                    if (!_removed.TryGetValue(reassigned.EntityId, out var removed))
                    {
                        _removed[reassigned.EntityId] = removed = new HashSet<string>(StringComparer.Ordinal);
                    }

                    removed.Add(taken);
                }

                _consulted[reassigned.EntityId] = ConsultedOf(reassigned.EntityId) + reassigned.Candidates.Count;
                if (reassigned.ReplacementInspectorId is { } replacement)
                {
                    _assigned[reassigned.EntityId].Add(replacement);
                    _held[replacement] = _held.GetValueOrDefault(replacement) + 1;
                }

                break;
        }
    }

    private void Record(EntityAssignmentRecord walk)
    {
        var assigned = walk.Candidates.Where(candidate => candidate.Decision == CandidateDecision.Assigned).Select(candidate => candidate.InspectorId).ToList();
        _assigned[walk.EntityId] = assigned;
        _consulted[walk.EntityId] = walk.Candidates.Count;
        foreach (var inspector in assigned)
        {
            _held[inspector] = _held.GetValueOrDefault(inspector) + 1;
        }
    }
}

/// <summary>
/// Step 7 of DRAW-v1: substitution of a sampled entity and reassignment of an inspector, each with its reason, evidence
/// and an approver other than the actor (§二.六.1 合理调整), always by a committed, objective rule or a checked manual choice.
/// </summary>
public static class DrawAdjustments
{
    public const string Recused = "recused";
    public const string Unavailable = "unavailable";
    public const string Other = "other";

    /// <summary>
    /// The trigger of the relaxation an infeasible entity records (<see cref="DrawDecisions.InfeasibleRelaxation"/>): a
    /// manual assignment that adds a qualified inspector to an entity still short of them and takes none off.
    /// </summary>
    public const string Infeasible = "infeasible";

    /// <summary>The input a refusal of the countersignature names; how a request carries it is the caller's.</summary>
    public const string ApprovalField = "approval";

    /// <summary>
    /// Replaces a sampled entity (§10). <paramref name="declared"/> are the conflicts of interest in force now; the walk of
    /// the replacement skips those naming it, and the event records them (§12.2 item 8). Reassign takes them alike.
    /// </summary>
    public static IReadOnlyList<object> Substitute(
        PlannedTask task, TaskDraw? state, SubstituteEntity command, EntityPool restored, IReadOnlyList<FrozenConflict> declared,
        Actor actor, Actor? approver, Instant now)
    {
        DrawDecisions.AuthorizeDraw(task, actor, DrawActions.Substitute);
        var approvedBy = Approve(task, approver, actor);
        var (round, seed, commitment) = Assigned(state, task.TaskId);
        var (reason, evidence) = Justification(command.Reason, command.Evidence);
        var entityId = Text.Required(command.EntityId, "entityId", 64);
        DrawDecisions.RequireFrozen(round, restored);
        var selection = EntitySelection.Draw(seed, restored, commitment.Rules);
        var (substitution, walk, consulted) = Substitution(round, AssignmentBook.Of(round), selection, seed, commitment, entityId, reason, declared);
        return
        [
            new EntitySubstituted(
                task.TaskId, round.Number, substitution.Stratum, entityId, substitution.Replacement.Id, substitution.Replacement.Rank,
                Convert.ToHexStringLower(substitution.Replacement.Ticket), reason, evidence, approvedBy, walk, actor.Id, now, consulted),
        ];
    }

    public static IReadOnlyList<object> Reassign(
        PlannedTask task, TaskDraw? state, ReassignInspector command, IReadOnlyList<FrozenConflict> declared, Actor actor, Actor? approver, Instant now)
    {
        DrawDecisions.AuthorizeDraw(task, actor, DrawActions.Reassign);
        var approvedBy = Approve(task, approver, actor);
        var (round, seed, commitment) = Assigned(state, task.TaskId);
        var (reason, evidence) = Justification(command.Reason, command.Evidence);
        var entityId = Text.Required(command.EntityId, "entityId", 64);
        var relaxation = command.Trigger == Infeasible;
        var removed = !relaxation ? Text.Required(command.InspectorId, "inspectorId", 64)
            : string.IsNullOrEmpty(command.InspectorId) ? null
            : throw DomainException.Invalid(
                "inspectorId", "补足人员不撤下检查人员，请勿填写 / a relaxation takes no inspector off: leave inspectorId out");
        var trigger = relaxation || command.Trigger is Recused or Unavailable or Other
            ? command.Trigger!
            : throw DomainException.Invalid(
                "trigger",
                $"调整原因类型应为{Recused}、{Unavailable}、{Other}或{Infeasible} / "
                + $"the trigger is '{Recused}', '{Unavailable}', '{Other}' or '{Infeasible}'");
        var named = relaxation ? Text.Required(command.ReplacementInspectorId, "replacementInspectorId", 64) : command.ReplacementInspectorId;
        var (rule, replacement, candidates, consulted) = Reassignment(
            round, AssignmentBook.Of(round), seed, commitment, entityId, removed, named, declared);
        return
        [
            new InspectorReassigned(
                task.TaskId, round.Number, entityId, removed, trigger, rule, replacement, candidates, reason, evidence, approvedBy, actor.Id, now, consulted),
        ];
    }

    /// <summary>
    /// Replays every adjustment of the round from the recorded selection and returns the first that does not match what
    /// the rules give, or null. Needs the round's full selection (rank lists) for substitutions.
    /// </summary>
    public static string? Replay(DrawRound round, EntitySelection selection, DrawSeed seed, DrawCommitment commitment)
    {
        var replayed = round with { Adjustments = [] };
        foreach (var (adjustment, index) in round.Adjustments.Select((adjustment, index) => (adjustment, index)))
        {
            var failure = adjustment.Match(
                substituted => ReplaySubstitution(substituted, replayed, selection, seed, commitment),
                reassigned => ReplayReassignment(reassigned, replayed, seed, commitment));
            if (failure is not null)
            {
                return $"adjustment {index}: {failure}";
            }

            replayed = replayed.Apply(adjustment);
        }

        return null;
    }

    private static string? ReplaySubstitution(EntitySubstituted substituted, DrawRound replayed, EntitySelection selection, DrawSeed seed, DrawCommitment commitment)
    {
        if (Unjustified(substituted.Reason, substituted.Evidence, substituted.ApprovedBy, substituted.SubstitutedBy) is { } unjustified)
        {
            return unjustified;
        }

        (Substitution Substitution, EntityAssignmentRecord Walk, IReadOnlyList<FrozenConflict> Consulted) expected;
        try
        {
            expected = Substitution(
                replayed, AssignmentBook.Of(replayed), selection, seed, commitment, substituted.ReplacedId, substituted.Reason, substituted.Conflicts ?? []);
        }
        catch (DomainException error)
        {
            return $"the substitution of {substituted.ReplacedId} is not allowed: {error.Message}";
        }

        var replacement = expected.Substitution.Replacement;
        return replacement.Id != substituted.ReplacementId || replacement.Rank != substituted.ReplacementRank
            || expected.Substitution.Stratum != substituted.Stratum || Convert.ToHexStringLower(replacement.Ticket) != substituted.ReplacementTicket
                ? $"{substituted.ReplacedId} must be replaced by {replacement.Id} (rank {replacement.Rank}), recorded {substituted.ReplacementId}"
            : expected.Walk.EntityId != substituted.Assignment.EntityId || expected.Walk.Stratum != substituted.Assignment.Stratum
              || !expected.Walk.Candidates.SequenceEqual(substituted.Assignment.Candidates)
                ? $"the walk of the replacement {replacement.Id} differs from the recorded one"
            : Unconsulted(substituted.Conflicts, expected.Consulted, replacement.Id);
    }

    private static string? ReplayReassignment(InspectorReassigned reassigned, DrawRound replayed, DrawSeed seed, DrawCommitment commitment)
    {
        if (Unjustified(reassigned.Reason, reassigned.Evidence, reassigned.ApprovedBy, reassigned.ReassignedBy) is { } unjustified)
        {
            return unjustified;
        }

        if (reassigned.Trigger is not (Recused or Unavailable or Other or Infeasible)
            || reassigned.Rule is not (ReassignmentRules.NextTicket or ReassignmentRules.Manual)
            || (reassigned.Rule == ReassignmentRules.Manual && (reassigned.ReplacementInspectorId is null || reassigned.Candidates.Count > 0))
            || (reassigned.Trigger == Infeasible) != (reassigned.RemovedInspectorId is null)
            || (reassigned.Trigger == Infeasible && reassigned.Rule != ReassignmentRules.Manual))
        {
            return $"the reassignment on {reassigned.EntityId} names rule '{reassigned.Rule}' (trigger '{reassigned.Trigger}') inconsistently with its replacement and candidates";
        }

        (string Rule, string? Replacement, IReadOnlyList<CandidateRecord> Candidates, IReadOnlyList<FrozenConflict> Consulted) again;
        try
        {
            again = Reassignment(
                replayed, AssignmentBook.Of(replayed), seed, commitment, reassigned.EntityId, reassigned.RemovedInspectorId,
                reassigned.Rule == ReassignmentRules.Manual ? reassigned.ReplacementInspectorId : null, reassigned.Conflicts ?? []);
        }
        catch (DomainException error)
        {
            return $"the reassignment on {reassigned.EntityId} is not allowed: {error.Message}";
        }

        return again.Replacement != reassigned.ReplacementInspectorId || !again.Candidates.SequenceEqual(reassigned.Candidates)
            ? $"on {reassigned.EntityId} the rules give {again.Replacement ?? "no inspector"}, recorded {reassigned.ReplacementInspectorId ?? "none"}"
            : Unconsulted(reassigned.Conflicts, again.Consulted, reassigned.EntityId);
    }

    /// <summary>
    /// Why a recorded list of conflicts is not what an act consults (declarations naming <paramref name="entityId"/> and an
    /// inspector of the pool, once each, by inspector id), or null; null when none is recorded (an event before issue 20).
    /// </summary>
    private static string? Unconsulted(IReadOnlyList<FrozenConflict>? recorded, IReadOnlyList<FrozenConflict> consulted, string entityId) =>
        recorded is null || recorded.SequenceEqual(consulted)
            ? null
            : $"the conflicts recorded for {entityId} are not declarations naming it and an inspector of the pool, once each, in inspector order";

    /// <summary>
    /// The declarations among <paramref name="declared"/> that an act on <paramref name="entityId"/> consults (those naming
    /// it and an inspector of the round's pool, once each, ordered by inspector id) and the conflicts its checks use: these
    /// and the frozen ones.
    /// </summary>
    private static (IReadOnlyList<FrozenConflict> Consulted, ConflictPool Conflicts) AsOfTheAct(
        DrawRound round, string entityId, IEnumerable<FrozenConflict> declared)
    {
        var pool = round.InspectorPool().Members.Select(member => member.Id).ToHashSet(StringComparer.Ordinal);
        List<FrozenConflict> consulted = [.. declared
            .Where(conflict => conflict.EntityId == entityId && pool.Contains(conflict.InspectorId))
            .Distinct()
            .OrderBy(conflict => conflict.InspectorId, StringComparer.Ordinal)];
        var pairs = consulted.Select(conflict => new ConflictPair(conflict.InspectorId, conflict.EntityId));
        return (consulted, ConflictPool.Freeze(round.ConflictPool().Members.Union(pairs)));
    }

    /// <summary>The substitute of <paramref name="entityId"/> (§10) and its walk, with the replaced entity's inspectors released.</summary>
    private static (Substitution Substitution, EntityAssignmentRecord Walk, IReadOnlyList<FrozenConflict> Consulted) Substitution(
        DrawRound round, AssignmentBook book, EntitySelection selection, DrawSeed seed, DrawCommitment commitment, string entityId, string reason,
        IEnumerable<FrozenConflict> declared)
    {
        var substitution = EntitySubstitution.Next(selection, book.Substitutions, entityId, reason);
        var held = new Dictionary<string, int>(book.Held, StringComparer.Ordinal);
        foreach (var inspector in book.InspectorsOf(entityId))
        {
            held[inspector]--;
        }

        var (consulted, conflicts) = AsOfTheAct(round, substitution.Replacement.Id, declared);
        var walk = InspectorMatching.Continue(
            seed, substitution.Stratum, substitution.Replacement.Id, round.InspectorPool(), conflicts, commitment.Rules, held, [],
            new HashSet<string>(StringComparer.Ordinal), 0, commitment.Rules.InspectorsPerEntity);
        return (substitution, DrawDecisions.Record(walk), consulted);
    }

    /// <summary>
    /// Who replaces <paramref name="removed"/> on <paramref name="entityId"/>: the inspector <paramref name="named"/> when
    /// given (manual; must pass every check), otherwise the next candidate of the entity's ranking (next-ticket), never one
    /// taken off the entity before. With no <paramref name="removed"/>, the relaxation of an entity the transcript
    /// recorded infeasible and still short of inspectors: <paramref name="named"/> is added as a manual choice.
    /// </summary>
    private static (string Rule, string? Replacement, IReadOnlyList<CandidateRecord> Candidates, IReadOnlyList<FrozenConflict> Consulted) Reassignment(
        DrawRound round, AssignmentBook book, DrawSeed seed, DrawCommitment commitment, string entityId, string? removed, string? named,
        IEnumerable<FrozenConflict> declared)
    {
        var kept = book.InspectorsOf(entityId).ToList();
        if (removed is null)
        {
            RequireShort(round, book, commitment.Rules, entityId);
        }
        else if (!kept.Remove(removed))
        {
            throw DomainException.NotFound("inspectorId", $"检查人员{removed}未被分配到对象{entityId} / inspector {removed} is not assigned to entity {entityId}");
        }

        var stratum = round.Execution!.Selected.FirstOrDefault(entity => entity.EntityId == entityId)?.Stratum
            ?? book.Substitutions.First(substitution => substitution.Replacement.Id == entityId).Stratum;
        var inspectors = round.InspectorPool();
        var held = new Dictionary<string, int>(book.Held, StringComparer.Ordinal);
        if (removed is not null)
        {
            held[removed]--;
        }

        var units = kept.Select(id => inspectors.Members.First(member => member.Id == id).Unit).ToList();
        var (consulted, conflicts) = AsOfTheAct(round, entityId, declared);
        if (named is { Length: > 0 })
        {
            var member = inspectors.Members.FirstOrDefault(inspector => inspector.Id == named)
                ?? throw DomainException.NotFound("replacementInspectorId", $"检查人员{named}不在本轮冻结的人员池中 / inspector {named} is not in the round's frozen pool");
            var decision = named == removed || book.WasRemoved(entityId, named) || kept.Contains(named)
                ? "already-removed-or-assigned"
                : InspectorMatching.Decide(member, stratum, entityId, conflicts, commitment.Rules, held.GetValueOrDefault(named), units);
            return decision == CandidateDecision.Assigned
                ? (ReassignmentRules.Manual, named, [], consulted)
                : throw DomainException.Invalid("replacementInspectorId", $"人工指定的检查人员{named}不符合规则（{decision}） / the named inspector {named} fails the rules: {decision}");
        }

        // Only a take-off walks (a relaxation always names its inspector), and what it takes off never returns (§10.1).
        var takenOff = new HashSet<string>(book.RemovedFrom(entityId), StringComparer.Ordinal) { removed! };
        var walk = InspectorMatching.Continue(
            seed, stratum, entityId, inspectors, conflicts, commitment.Rules, held, units, takenOff, book.ConsultedOf(entityId), 1);
        return (ReassignmentRules.NextTicket, walk.Assigned.SingleOrDefault(), DrawDecisions.Record(walk).Candidates, consulted);
    }

    /// <summary>
    /// Refuses a relaxation unless <paramref name="entityId"/> is in the current sample, the transcript recorded it
    /// infeasible, and it still holds fewer inspectors than the rules require (§9 step 5).
    /// </summary>
    private static void RequireShort(DrawRound round, AssignmentBook book, DrawRules rules, string entityId)
    {
        if (!book.Samples(entityId))
        {
            throw DomainException.NotFound(
                "entityId", $"对象{entityId}不在本轮当前样本中 / entity {entityId} is not in the round's current sample");
        }

        if (!round.Assignment!.Infeasible.Any(entity => entity.EntityId == entityId)
            || book.InspectorsOf(entityId).Count >= rules.InspectorsPerEntity)
        {
            throw DomainException.Conflict(
                "entityId",
                $"对象{entityId}未被记录为人员不足或已不缺检查人员，不能补足 / "
                + $"entity {entityId} was not recorded infeasible or is no longer short of inspectors");
        }
    }

    /// <summary>Why a recorded adjustment's justification is not acceptable (blank reason or evidence, self-approval), or null.</summary>
    private static string? Unjustified(string reason, string evidence, string approvedBy, string actor) =>
        string.IsNullOrWhiteSpace(reason) || string.IsNullOrWhiteSpace(evidence) ? "the reason or the evidence is blank"
        : string.IsNullOrWhiteSpace(approvedBy) || approvedBy == actor ? $"approved by '{approvedBy}', who is not someone other than the actor '{actor}'"
        : null;

    private static (DrawRound Round, DrawSeed Seed, DrawCommitment Commitment) Assigned(TaskDraw? state, string taskId)
    {
        var round = DrawDecisions.Current(state, taskId);
        if (round.Assignment is null)
        {
            throw DomainException.Conflict("round", "检查人员匹配之前不能替换或调整 / no substitution or reassignment before inspectors are assigned");
        }

        var commitment = round.RebuildCommitment(round.Commitment!);
        return (round, DrawSeed.Derive(commitment, round.RandomnessRecord(commitment, round.Randomness!)), commitment);
    }

    /// <summary>
    /// The approver's id, once the countersigning <paramref name="approver"/> is someone other than the actor and is the
    /// credit supervision office whose jurisdiction covers the task's: the office above the drawing department, never a
    /// colleague of the actor's role or office (separation of duties, docs/draw-protocol.md §13 step 8).
    /// </summary>
    private static string Approve(PlannedTask task, Actor? approver, Actor actor) =>
        SecondParty(task, approver, actor.Id, ApprovalField, auditorToo: false);

    /// <summary>
    /// The id of <paramref name="party"/>, the second party of an act done (or recorded) by <paramref name="actorId"/>:
    /// someone other than that actor, and the credit supervision office whose jurisdiction covers the task's or, where
    /// <paramref name="auditorToo"/>, the auditor covering it. Refusals name <paramref name="field"/>.
    /// </summary>
    internal static string SecondParty(PlannedTask task, Actor? party, string actorId, string field, bool auditorToo)
    {
        if (party is null)
        {
            throw DomainException.Invalid(field, "须由审批人以本人令牌会签 / this needs the approver's countersignature: their own bearer token");
        }

        if (party.Id == actorId)
        {
            throw DomainException.Invalid(field, $"会签人不能是操作人{actorId}本人 / the countersigning party must be someone other than {actorId}, who acted");
        }

        var (zh, en) = auditorToo ? ("信用监管处或纪检监察", "the credit supervision office or the auditor") : ("信用监管处", "the credit supervision office");
        if (party.Role != Role.CreditOffice && !(auditorToo && party.Role == Role.Auditor))
        {
            throw new DomainException(
                DomainErrorKind.Forbidden, field, $"须由{zh}会签，角色“{party.Role}”不能会签 / only {en} countersigns this, not role {party.Role}");
        }

        if (!party.Jurisdiction.Covers(task.Jurisdiction))
        {
            throw new DomainException(
                DomainErrorKind.Forbidden, field,
                $"辖区{party.Jurisdiction}不覆盖任务辖区{task.Jurisdiction} / {en} of {party.Jurisdiction} does not cover the task's jurisdiction {task.Jurisdiction}");
        }

        return party.Id;
    }

    internal static (string Reason, string Evidence) Justification(string? reason, string? evidence) =>
        (Text.Required(reason, "reason", 500, multiline: true), Text.Required(evidence, "evidence", 1000, multiline: true));
}
