using FairDraw.Ledger.Draws.Engine;

namespace FairDraw.Ledger.Draws;

/// <summary>Freeze a new round's pools; a reason is required for every round after the first (a redraw).</summary>
public sealed record FreezePool(string? Reason);

/// <summary>The pools as read from the directories at one ledger position, and the earlier samples excluded from them.</summary>
public sealed record FrozenPools(long AsOfSequence, EntityPool Entities, InspectorPool Inspectors, ConflictPool Conflicts, IReadOnlyList<ExcludedSample> Excluded);

/// <summary>
/// Commit the current round: the future sources (at least one drand round and one lottery draw) and party commitments
/// (hex SHA-256). The fallback committed with them is always <see cref="DrawDecisions.StandardFallback"/>, the rule the
/// service enforces (<see cref="DrawDecisions.LapsesAt"/>).
/// </summary>
public sealed record CommitDraw(IReadOnlyList<SourceInput>? Sources, IReadOnlyList<string>? PartyCommitments);

/// <summary>Where the commitment was published outside the bureau: the channel (门户网站, 纪检监察机关备案) and the notice reference.</summary>
public sealed record PublishCommitment(string? Channel, string? Notice);

/// <summary>Where the commitment event sits in the signed log: its sequence, leaf index and a signed checkpoint that contains it.</summary>
public sealed record CommitmentInLog(long Sequence, long LeafIndex, long CheckpointSize, string Checkpoint);

/// <summary>Reveal party secret <see cref="Index"/> (0-based, committed order; required, so a missing index is not taken as 0) as hex.</summary>
public sealed record RevealPartySecret(int? Index, string? Secret);

/// <summary>
/// One resolved source: a drand round's signature (hex) with, for a chained chain, the previous round's signature; or a
/// lottery's drawn numbers with the reference of the official announcement they were read from.
/// </summary>
public sealed record RandomnessInput(
    string? Label, string? Signature, IReadOnlyList<int>? Numbers, string? PreviousSignature = null, string? Announcement = null);

/// <summary>Record the resolved values of every committed source, in any order.</summary>
public sealed record RecordRandomness(IReadOnlyList<RandomnessInput>? Values);

/// <summary>
/// Confirm the recorded lottery values as a second party: the numbers of every committed lottery source (label and
/// numbers, as read from the official announcement), re-entered independently of the recorder.
/// </summary>
public sealed record ConfirmLotteryValues(IReadOnlyList<RandomnessInput>? Values);

/// <summary>
/// Set aside the current round so that a new one may be frozen, with a reason and evidence. The credit supervision office
/// covering the task's jurisdiction, or the auditor, countersigns as for <see cref="SubstituteEntity"/>.
/// </summary>
public sealed record SetAsideRound(string? Reason, string? Evidence);

/// <summary>
/// Replace a sampled entity that is gone or unreachable, with evidence. The approver, someone other than the actor,
/// countersigns the request with their own credentials (the API's approval token), so is not part of the body.
/// </summary>
public sealed record SubstituteEntity(string? EntityId, string? Reason, string? Evidence);

/// <summary>
/// Take an inspector off an entity (trigger: recused, unavailable, other) with evidence, countersigned by an approver
/// as for <see cref="SubstituteEntity"/>; the replacement is the next ticket, or the inspector named in
/// <see cref="ReplacementInspectorId"/> (合理调整).
/// </summary>
public sealed record ReassignInspector(
    string? EntityId, string? InspectorId, string? Trigger, string? ReplacementInspectorId, string? Reason, string? Evidence);
