using System.Text.Json;
using System.Text.Json.Serialization;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Integrity;
using FairDraw.Ledger.Plans;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace FairDraw.Ledger.Tests.Draws;

/// <summary>
/// One adjustment act of a vector as the actor asks for it: the entity, the inspector taken off (reassignment), the
/// trigger, the inspector named (manual), and the conflicts of interest declared by the time of the act.
/// </summary>
internal sealed record VectorAct(
    string Kind, string EntityId, string? InspectorId, string? Trigger, string? Named, IReadOnlyList<FrozenConflict> Declared);

/// <summary>An act with the event DrawAdjustments decided for it and the assignment book after it.</summary>
internal sealed record AdjustedAct(VectorAct Act, DrawAdjustment Event, DrawRound Round)
{
    public AssignmentBook Book => AssignmentBook.Of(Round);
}

/// <summary>
/// A vector's round taken through step 8 (docs/draw-protocol.md §13): the run's results folded as the ledger's events,
/// then a substitution, a next-ticket and a manual reassignment decided by <see cref="DrawAdjustments"/> as the service
/// decides them, each against the conflicts declared by then.
/// </summary>
internal static class VectorRound
{
    public static readonly Actor Actor = new("division-1", Role.BusinessDivision, DrawWorkflow.Guiyang);
    public static readonly Actor Approver = new("credit-office-1", Role.CreditOffice, DrawWorkflow.Guiyang);
    public static readonly Instant At = Instant.FromUtc(2026, 12, 1, 2, 0);

    /// <summary>The ledger serializer's settings (LedgerStoreOptions) for an event's data; Api.Tests checks the two agree.</summary>
    public static readonly JsonSerializerOptions LedgerJson = new JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter() },
    }.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    /// <summary>The event's data as a canonical ledger record holds it: JCS of its PascalCase JSON.</summary>
    public static string Record(DrawAdjustment adjustment) =>
        System.Text.Encoding.UTF8.GetString(
            Jcs.CanonicalizeLedgerPayload(JsonSerializer.SerializeToUtf8Bytes(adjustment, adjustment.GetType(), LedgerJson)));

    /// <summary>
    /// The acts of the vector, chosen by rule so the sequence shows each effect: the first feasible entity of the walk
    /// is substituted while its replacement's first inspector has declared a conflict; on the replacement, its first
    /// inspector is taken off (next-ticket) while the walk's would-be pick has declared one; then its other inspector
    /// is replaced by the first inspector, in id order, who passes every check (manual). Declarations stay in force, so
    /// each act sees the earlier ones too.
    /// </summary>
    public static IReadOnlyList<AdjustedAct> Adjust(DrawRun run)
    {
        var task = Task(run);
        var round = Assigned(run);
        var acts = new List<AdjustedAct>();
        var required = run.Inputs.Rules.InspectorsPerEntity;
        var gone = round.Assignment!.Assignments.First(walk => Assigned(walk.Candidates).Count == required).EntityId;
        var unaware = (EntitySubstituted)Decide(task, round, Substitute(gone, []), run);
        var replacement = unaware.ReplacementId;
        var outsider = run.Selection.Selected.First(entity => entity.Id != gone).Id;
        List<FrozenConflict> declared =
        [
            new(Assigned(unaware.Assignment.Candidates)[0], replacement),
            new(run.Inputs.Inspectors[0].Id, outsider),
            new("OUTSIDE-THE-POOL", replacement),
        ];
        round = Act(task, round, run, acts, Substitute(gone, [.. declared]));

        var (first, second) = (AssignmentBook.Of(round).InspectorsOf(replacement)[0], AssignmentBook.Of(round).InspectorsOf(replacement)[1]);
        var wouldBe = (InspectorReassigned)Decide(task, round, Reassign(replacement, first, DrawAdjustments.Recused, null, declared), run);
        declared.Add(new FrozenConflict(wouldBe.ReplacementInspectorId!, replacement));
        round = Act(task, round, run, acts, Reassign(replacement, first, DrawAdjustments.Recused, null, [.. declared]));

        var book = AssignmentBook.Of(round);
        var kept = book.InspectorsOf(replacement).Where(id => id != second).ToList();
        var named = run.InspectorPool.Members.Select(member => member.Id).Order(StringComparer.Ordinal).First(id =>
            id != second && !kept.Contains(id) && !book.WasRemoved(replacement, id)
            && Passes(task, round, run, Reassign(replacement, second, DrawAdjustments.Unavailable, id, declared)));
        Act(task, round, run, acts, Reassign(replacement, second, DrawAdjustments.Unavailable, named, [.. declared]));
        return acts;
    }

    private static VectorAct Substitute(string entityId, IReadOnlyList<FrozenConflict> declared) =>
        new(DrawAdjustment.Substitution, entityId, null, null, null, declared);

    private static VectorAct Reassign(string entityId, string removed, string trigger, string? named, IReadOnlyList<FrozenConflict> declared) =>
        new(DrawAdjustment.Reassignment, entityId, removed, trigger, named, declared);

    private static DrawRound Act(PlannedTask task, DrawRound round, DrawRun run, List<AdjustedAct> acts, VectorAct act)
    {
        var decided = Decide(task, round, act, run);
        var after = round.Apply(decided);
        acts.Add(new AdjustedAct(act, decided, after));
        return after;
    }

    private static bool Passes(PlannedTask task, DrawRound round, DrawRun run, VectorAct act)
    {
        try
        {
            Decide(task, round, act, run);
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
    }

    private static DrawAdjustment Decide(PlannedTask task, DrawRound round, VectorAct act, DrawRun run)
    {
        var state = new TaskDraw(task.TaskId, [round]);
        var events = act.Kind == DrawAdjustment.Substitution
            ? DrawAdjustments.Substitute(
                task, state, new SubstituteEntity(act.EntityId, "企业已注销 / deregistered", "注销登记通知书"), run.EntityPool, act.Declared,
                Actor, Approver, At)
            : DrawAdjustments.Reassign(
                task, state,
                new ReassignInspector(act.EntityId, act.InspectorId, act.Trigger, act.Named, "检查员请假或回避 / on leave or recused", "请假单、回避申请表"),
                act.Declared, Actor, Approver, At);
        return (DrawAdjustment)events.Single();
    }

    private static List<string> Assigned(IEnumerable<CandidateRecord> candidates) =>
        [.. candidates.Where(candidate => candidate.Decision == CandidateDecision.Assigned).Select(candidate => candidate.InspectorId)];

    private static PlannedTask Task(DrawRun run) => new(
        run.Inputs.TaskId, "2026-520100-SJJ", DrawWorkflow.Guiyang, 2026, true,
        DrawWorkflow.Spec() with
        {
            Strata = [.. run.Inputs.Rules.Strata.Select(rule => new StratumPlan(rule.Stratum, rule.Ratio.ToString(), rule.Expertise))],
            InspectorsPerEntity = run.Inputs.Rules.InspectorsPerEntity,
            CapacityCap = run.Inputs.Rules.CapacityCap,
        },
        [EntityType.Enterprise]);

    /// <summary>The run's pools, commitment, values, selection and transcript as the events of an assigned round.</summary>
    private static DrawRound Assigned(DrawRun run)
    {
        var task = Task(run);
        var frozen = new PoolFrozen(
            task.TaskId, 1, task.PlanId, task.Jurisdiction, task.Year, task.Spec, task.ItemObjectTypes, 1, [],
            Hex(run.EntityPool.Root), run.EntityPool.Members.Count, run.EntityPool.Strata,
            Hex(run.InspectorPool.Root),
            [.. run.InspectorPool.Members.Select(inspector =>
                new FrozenInspector(inspector.Id, inspector.Unit, inspector.Status, inspector.Expertise, inspector.Capacity))],
            Hex(run.ConflictPool.Root),
            [.. run.ConflictPool.Members.Select(pair => new FrozenConflict(pair.InspectorId, pair.EntityId))],
            null, Actor.Id, At);
        var committed = new DrawCommitted(
            task.TaskId, 1, Hex(run.Commitment.CommitHash), System.Text.Encoding.UTF8.GetString(run.Commitment.CanonicalBytes), "", "",
            [.. run.Inputs.Sources.Select(source => new CommittedSource(source.Label, source.Kind, source.Reference, source.Encoding, At))],
            run.Inputs.Fallback, [], At, Actor.Id, At);
        var executed = new DrawExecuted(
            task.TaskId, 1, committed.CommitHash, Hex(run.Seed.Prk),
            [.. run.Selection.Strata.Select(stratum => new StratumOutcome(stratum.Stratum, stratum.Ranked.Count, stratum.SampleSize))],
            [.. run.Selection.Selected.Select(entity => new SelectedEntity(entity.Stratum, entity.Id, entity.Rank, Hex(entity.Ticket)))],
            Hex(run.Selection.Root), Actor.Id, At);
        return new DrawRound(
            frozen, committed, null, [], new RandomnessRecorded(task.TaskId, 1, run.Randomness.Values, Actor.Id, At), executed,
            DrawDecisions.Record(task.TaskId, 1, run.Transcript, Actor.Id, At), []);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
