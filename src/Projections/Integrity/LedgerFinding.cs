using FairDraw.Ledger;

namespace FairDraw.Projections.Integrity;

/// <summary>
/// The kinds of tampering (or damage) <c>verify ledger</c> reports, one finding per cause (docs/ledger-integrity.md,
/// "Verifying the ledger").
/// </summary>
public enum FindingKind
{
    /// <summary>An event's payload or metadata no longer matches what was appended and logged.</summary>
    Modified,

    /// <summary>An event that was appended (and logged) is gone.</summary>
    Deleted,

    /// <summary>An event row that was never appended through the ledger (not in the signed log, or not chained).</summary>
    Inserted,

    /// <summary>An event now stands at another position of its stream than the one it was logged at.</summary>
    Reordered,

    /// <summary>An event now belongs to another stream than the one it was logged in.</summary>
    Moved,

    /// <summary>Two logged events exchanged their ledger positions (sequence numbers), each row intact.</summary>
    Swapped,

    /// <summary>The log or its checkpoints themselves were altered: a signature fails, a signed root does not match the leaves, leaves are missing.</summary>
    LogAltered,

    /// <summary>The log is shorter than a trusted checkpoint: logged leaves were removed behind it.</summary>
    Rollback,

    /// <summary>The stored leaves do not produce a trusted checkpoint's root: the log was rewritten behind it.</summary>
    Rewritten,

    /// <summary>A trusted checkpoint the log still agrees with is no longer among the stored checkpoints.</summary>
    CheckpointDeleted,
}

/// <summary>
/// One finding, naming the event (stream, version, ledger sequence) where it is known, or the checkpoint
/// (<paramref name="TreeSize"/>) it concerns.
/// </summary>
public sealed record LedgerFinding(FindingKind Kind, string? StreamKey, long? Version, long? Sequence, string Detail, long? TreeSize = null);

/// <summary>
/// The result of verifying the whole ledger. <see cref="Intact"/> says no finding was made; <see cref="Outcome"/> passes
/// only when there was something verified against a signature: a ledger without events, or whose events no signed
/// checkpoint covers, is not run. <see cref="NotChecked"/> says what the material given could not prove.
/// </summary>
public sealed record LedgerReport(
    long Events,
    long Streams,
    long Leaves,
    long Checkpoints,
    long SignedTreeSize,
    long EventsNotYetLogged,
    IReadOnlyList<LedgerFinding> Findings,
    long TrustedCheckpoints,
    long EventsNotCovered,
    IReadOnlyList<string> NotChecked)
{
    public bool Intact => Findings.Count == 0;

    public CheckOutcome Outcome =>
        !Intact ? CheckOutcome.Fail : Events == 0 || EventsNotCovered == Events ? CheckOutcome.NotRun : CheckOutcome.Pass;
}
