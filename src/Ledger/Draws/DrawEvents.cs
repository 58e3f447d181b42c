using System.Text.Json.Serialization;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Plans;
using NodaTime;

namespace FairDraw.Ledger.Draws;

// The event catalogue of one sampling task's draws (stream "task:{taskId}"). A task may be drawn in several rounds; a
// round is one frozen pool, at most one commitment and at most one execution. A redraw is a new round with a reason.
// A shipped event is never edited: add a new type instead. Mirrored in docs/events.md.

/// <summary>Every event of a task stream names its task and round.</summary>
public interface IDrawEvent
{
    string TaskId { get; }

    int Round { get; }
}

/// <summary>A member of a frozen inspector pool, exactly as its leaf encodes it.</summary>
public sealed record FrozenInspector(string Id, string Unit, string Status, IReadOnlyList<string> Expertise, int Capacity);

/// <summary>A declared conflict of interest frozen with the pool.</summary>
public sealed record FrozenConflict(string InspectorId, string EntityId);

/// <summary>An earlier executed round whose sample was excluded from this pool (same item, same year).</summary>
public sealed record ExcludedSample(string TaskId, int Round, int Count);

/// <summary>
/// Step 1: the pools of a round, frozen from the directories at ledger position <see cref="AsOfSequence"/>. The entity
/// members are not in the event (a 1M pool): they are the directory revisions valid at that position that match the
/// task's filter and types, minus the excluded samples, and anyone can rebuild them and check <see cref="EntityRoot"/>.
/// (The service keeps a copy of them for its own execution and records its digest: <see cref="PoolCopyKept"/>.)
/// The inspector pool and the conflicts are small and carried whole.
/// </summary>
public sealed record PoolFrozen(
    string TaskId,
    int Round,
    string PlanId,
    DivisionCode Jurisdiction,
    int Year,
    SamplingTaskSpec Task,
    IReadOnlyList<EntityType> EntityTypes,
    long AsOfSequence,
    IReadOnlyList<ExcludedSample> Excluded,
    string EntityRoot,
    int EntityCount,
    IReadOnlyList<StratumCount> Strata,
    string InspectorRoot,
    IReadOnlyList<FrozenInspector> Inspectors,
    string ConflictRoot,
    IReadOnlyList<FrozenConflict> Conflicts,
    string? Reason,
    string FrozenBy,
    Instant FrozenAt) : IAttributedEvent, IDrawEvent
{
    string IAttributedEvent.Actor => FrozenBy;

    Instant IAttributedEvent.OccurredAt => FrozenAt;
}

/// <summary>
/// The service kept a copy of round <see cref="Round"/>'s frozen entity pool (<see cref="EntityPool.Copy"/>,
/// <see cref="CopyLength"/> bytes) outside the event store, under its SHA-256 <see cref="CopySha256"/>. Appended in the
/// transaction that appends the round's <see cref="PoolFrozen"/>, to the stream "pool-copy:{taskId}" rather than the
/// task's own: it is not a step of DRAW-v1, and no evidence bundle needs it. The round's execution and substitutions
/// restore the copy with this digest instead of reading the directory again; a copy with another digest is refused, and
/// a round without this event (or whose copy is lost) is drawn over the pool rebuilt from the directory.
/// </summary>
public sealed record PoolCopyKept(
    string TaskId,
    int Round,
    string EntityRoot,
    string CopySha256,
    int CopyLength,
    string KeptBy,
    Instant KeptAt) : IAttributedEvent
{
    string IAttributedEvent.Actor => KeptBy;

    Instant IAttributedEvent.OccurredAt => KeptAt;

    /// <summary>What the freeze that appended <paramref name="frozen"/> records of its copy of <paramref name="pool"/>.</summary>
    public static PoolCopyKept Of(PoolFrozen frozen, EntityPool pool) =>
        new(frozen.TaskId, frozen.Round, frozen.EntityRoot, pool.CopySha256, pool.CopyLength, frozen.FrozenBy, frozen.FrozenAt);
}

/// <summary>A committed future randomness source, with the instant it resolves (drand round time, lottery draw day).</summary>
public sealed record CommittedSource(string Label, string Kind, string Reference, string Encoding, Instant ResolvesAt);

/// <summary>
/// Step 2: the canonical commitment (docs/draw-protocol.md §5), its SHA-256 and the ledger key's ECDSA P-256
/// signature over the canonical bytes (IEEE P1363 r||s, base64). It must be published outside the bureau before
/// <see cref="PublishBy"/>, the first instant any source resolves.
/// </summary>
public sealed record DrawCommitted(
    string TaskId,
    int Round,
    string CommitHash,
    string Canonical,
    string Signature,
    string SigningKey,
    IReadOnlyList<CommittedSource> Sources,
    string Fallback,
    IReadOnlyList<string> PartyCommitments,
    Instant PublishBy,
    string CommittedBy,
    Instant CommittedAt) : IAttributedEvent, IDrawEvent
{
    string IAttributedEvent.Actor => CommittedBy;

    Instant IAttributedEvent.OccurredAt => CommittedAt;
}

/// <summary>
/// The commitment was published outside the bureau (portal notice, filing with the discipline office) after the
/// ledger had signed a checkpoint that contains it: the leaf index and the checkpoint are recorded here.
/// </summary>
public sealed record CommitmentPublished(
    string TaskId,
    int Round,
    string CommitHash,
    string Channel,
    string Notice,
    long CommitmentSequence,
    long LeafIndex,
    long CheckpointSize,
    string Checkpoint,
    string PublishedBy,
    Instant PublishedAt) : IAttributedEvent, IDrawEvent
{
    string IAttributedEvent.Actor => PublishedBy;

    Instant IAttributedEvent.OccurredAt => PublishedAt;
}

/// <summary>Step 3 (optional): a party secret, revealed before the sources resolve and checked against its hash.</summary>
public sealed record PartySecretRevealed(
    string TaskId,
    int Round,
    int Index,
    string Secret,
    string RevealedBy,
    Instant RevealedAt) : IAttributedEvent, IDrawEvent
{
    string IAttributedEvent.Actor => RevealedBy;

    Instant IAttributedEvent.OccurredAt => RevealedAt;
}

/// <summary>
/// What a recorded value rests on besides itself, outside the IKM: for a chained drand chain, the previous round's
/// signature the beacon signs over; for a lottery, the reference of the operator's official announcement it was read from.
/// </summary>
public sealed record SourceEvidence(string Label, string? PreviousSignature, string? Announcement);

/// <summary>
/// Step 4: the canonical values of the committed sources, entered after they resolved, with what each rests on
/// (<see cref="Evidence"/>; null in events recorded before issue 20).
/// </summary>
public sealed record RandomnessRecorded(
    string TaskId,
    int Round,
    IReadOnlyList<SourceValue> Values,
    string RecordedBy,
    Instant RecordedAt,
    IReadOnlyList<SourceEvidence>? Evidence = null) : IAttributedEvent, IDrawEvent
{
    string IAttributedEvent.Actor => RecordedBy;

    Instant IAttributedEvent.OccurredAt => RecordedAt;
}

/// <summary>
/// Step 4a: a second party (the credit supervision office covering the task's jurisdiction, or the auditor; never the
/// recorder) re-entered the lottery numbers from the official announcements and they matched the recorded values: the
/// round's lottery values count from here on, and the round may be executed. <see cref="Values"/> are the confirmed
/// canonical lottery values, in committed order.
/// </summary>
public sealed record LotteryValuesConfirmed(
    string TaskId,
    int Round,
    IReadOnlyList<SourceValue> Values,
    string ConfirmedBy,
    Instant ConfirmedAt) : IAttributedEvent, IDrawEvent
{
    string IAttributedEvent.Actor => ConfirmedBy;

    Instant IAttributedEvent.OccurredAt => ConfirmedAt;
}

/// <summary>A stratum's outcome: N_h and n_h.</summary>
public sealed record StratumOutcome(string Stratum, int PoolSize, long SampleSize);

/// <summary>A selected entity with its rank in its stratum and its ticket (hex).</summary>
public sealed record SelectedEntity(string Stratum, string EntityId, int Rank, string Ticket);

/// <summary>A stratum's rank root (hex): the root of its ranked-ticket tree (docs/draw-protocol.md §8.1).</summary>
public sealed record RankRoot(string Stratum, string Root);

/// <summary>
/// Step 5: the seed (PRK, hex), the per-stratum outcome, the selection in selection order and its root, and each
/// stratum's rank root in stratum order (<see cref="RankRoots"/>; null in events recorded before issue 22).
/// </summary>
public sealed record DrawExecuted(
    string TaskId,
    int Round,
    string CommitHash,
    string Prk,
    IReadOnlyList<StratumOutcome> Strata,
    IReadOnlyList<SelectedEntity> Selected,
    string SelectionRoot,
    string ExecutedBy,
    Instant ExecutedAt,
    IReadOnlyList<RankRoot>? RankRoots = null) : IAttributedEvent, IDrawEvent
{
    string IAttributedEvent.Actor => ExecutedBy;

    Instant IAttributedEvent.OccurredAt => ExecutedAt;
}

/// <summary>One consulted candidate: "assigned" or the skip reason (docs/draw-protocol.md §9).</summary>
public sealed record CandidateRecord(string InspectorId, string Decision);

/// <summary>The walk for one entity: every consulted candidate in ticket order.</summary>
public sealed record EntityAssignmentRecord(string Stratum, string EntityId, IReadOnlyList<CandidateRecord> Candidates);

/// <summary>An entity for which the inspector list ran out, and the pre-declared relaxation that now applies.</summary>
public sealed record InfeasibleAssignment(string Stratum, string EntityId, int Found, int Required, string Relaxation);

/// <summary>Step 6: the matching transcript in walk order.</summary>
public sealed record InspectorsAssigned(
    string TaskId,
    int Round,
    IReadOnlyList<EntityAssignmentRecord> Assignments,
    IReadOnlyList<InfeasibleAssignment> Infeasible,
    string AssignedBy,
    Instant AssignedAt) : IAttributedEvent, IDrawEvent
{
    string IAttributedEvent.Actor => AssignedBy;

    Instant IAttributedEvent.OccurredAt => AssignedAt;
}

/// <summary>
/// A committed or executed round set aside, so that a new round may be frozen: with a reason, evidence and the
/// countersignature of the credit office covering the task's jurisdiction or of the auditor (<see cref="ApprovedBy"/>,
/// never <see cref="SetAsideBy"/>). The round stays in the ledger and stays verifiable; its outcome is "attention".
/// </summary>
public sealed record RoundSetAside(
    string TaskId,
    int Round,
    string Reason,
    string Evidence,
    string ApprovedBy,
    string SetAsideBy,
    Instant SetAsideAt) : IAttributedEvent, IDrawEvent
{
    string IAttributedEvent.Actor => SetAsideBy;

    Instant IAttributedEvent.OccurredAt => SetAsideAt;
}

/// <summary>
/// The values a lapsed round's sources resolved to, recorded after the lapse by the auditor or the credit office (not
/// the drawing department) and checked as step 5 checks them (with the same <see cref="SourceEvidence"/>), so that
/// verification shows the sample they would have drawn. The round is never executed.
/// </summary>
public sealed record LapsedRoundResolved(
    string TaskId,
    int Round,
    IReadOnlyList<SourceValue> Values,
    IReadOnlyList<SourceEvidence> Evidence,
    string RecordedBy,
    Instant RecordedAt) : IAttributedEvent, IDrawEvent
{
    string IAttributedEvent.Actor => RecordedBy;

    Instant IAttributedEvent.OccurredAt => RecordedAt;
}

/// <summary>
/// A step-7 adjustment of an assigned round: an <see cref="EntitySubstituted"/> or an <see cref="InspectorReassigned"/>,
/// and nothing else (the constructor is closed to other assemblies). Where it is read as a base it names its kind, so a
/// round's adjustments serialise as the events themselves plus "kind"; the events' stored form is unchanged.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(EntitySubstituted), Substitution)]
[JsonDerivedType(typeof(InspectorReassigned), Reassignment)]
public abstract record DrawAdjustment : IAttributedEvent, IDrawEvent
{
    public const string Substitution = "substitution";
    public const string Reassignment = "reassignment";

    private protected DrawAdjustment()
    {
    }

    public abstract string TaskId { get; init; }

    public abstract int Round { get; init; }

    /// <summary>Calls the function for this adjustment's kind: callers name both, so none casts or needs a default.</summary>
    public abstract T Match<T>(Func<EntitySubstituted, T> substituted, Func<InspectorReassigned, T> reassigned);

    string IAttributedEvent.Actor => By;

    Instant IAttributedEvent.OccurredAt => At;

    // Not public, so that neither the stored events nor the read JSON gain a member.
    private protected abstract string By { get; }

    private protected abstract Instant At { get; }
}

/// <summary>
/// Step 7: a sampled entity gone or unreachable was replaced by the next unused ticket of its stratum, with the
/// evidence and an approver; its inspectors were released and the replacement matched by the §9 walk. <see cref="Conflicts"/>
/// are the declarations in force at the act that name the replacement (null in events recorded before issue 20).
/// </summary>
public sealed record EntitySubstituted(
    string TaskId,
    int Round,
    string Stratum,
    string ReplacedId,
    string ReplacementId,
    int ReplacementRank,
    string ReplacementTicket,
    string Reason,
    string Evidence,
    string ApprovedBy,
    EntityAssignmentRecord Assignment,
    string SubstitutedBy,
    Instant SubstitutedAt,
    IReadOnlyList<FrozenConflict>? Conflicts = null) : DrawAdjustment
{
    private protected override string By => SubstitutedBy;

    private protected override Instant At => SubstitutedAt;

    public override T Match<T>(Func<EntitySubstituted, T> substituted, Func<InspectorReassigned, T> reassigned) =>
        substituted(this);
}

/// <summary>
/// Step 7: an assigned inspector was taken off an entity (recusal, unavailability) with evidence and an approver. The
/// replacement is the next candidate in the entity's inspector ticket order that passes every check
/// (<see cref="ReassignmentRules.NextTicket"/>), or an inspector named by the approver (<see cref="ReassignmentRules.Manual"/>,
/// 合理调整) who must pass the same checks, against the frozen conflicts and <see cref="Conflicts"/>, the declarations in
/// force at the act that name the entity (null in events recorded before issue 20). Always visible, and counted per official.
/// With trigger <see cref="DrawAdjustments.Infeasible"/> it is the relaxation of an infeasible entity: none is taken off
/// (<see cref="RemovedInspectorId"/> null) and the named inspector is added.
/// </summary>
public sealed record InspectorReassigned(
    string TaskId,
    int Round,
    string EntityId,
    string? RemovedInspectorId,
    string Trigger,
    string Rule,
    string? ReplacementInspectorId,
    IReadOnlyList<CandidateRecord> Candidates,
    string Reason,
    string Evidence,
    string ApprovedBy,
    string ReassignedBy,
    Instant ReassignedAt,
    IReadOnlyList<FrozenConflict>? Conflicts = null) : DrawAdjustment
{
    private protected override string By => ReassignedBy;

    private protected override Instant At => ReassignedAt;

    public override T Match<T>(Func<EntitySubstituted, T> substituted, Func<InspectorReassigned, T> reassigned) =>
        reassigned(this);
}

/// <summary>The two ways an inspector is replaced on an entity.</summary>
public static class ReassignmentRules
{
    public const string NextTicket = "next-ticket";
    public const string Manual = "manual";
}
