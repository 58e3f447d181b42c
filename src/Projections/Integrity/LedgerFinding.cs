using FairDraw.Ledger;

namespace FairDraw.Projections.Integrity;

/// <summary>The kinds of tampering (or damage) <c>verify ledger</c> reports.</summary>
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

    /// <summary>The log or its checkpoints themselves were altered: a signature fails, a signed root does not match the leaves, leaves are missing.</summary>
    LogAltered,
}

/// <summary>One finding, naming the event (stream, version, ledger sequence) where it is known.</summary>
public sealed record LedgerFinding(FindingKind Kind, string? StreamKey, long? Version, long? Sequence, string Detail);

/// <summary>
/// The result of verifying the whole ledger. <see cref="Intact"/> says no finding was made; <see cref="Outcome"/> passes
/// only when there was something to verify (a ledger without events is not run).
/// </summary>
public sealed record LedgerReport(
    long Events,
    long Streams,
    long Leaves,
    long Checkpoints,
    long SignedTreeSize,
    long EventsNotYetLogged,
    IReadOnlyList<LedgerFinding> Findings)
{
    public bool Intact => Findings.Count == 0;

    public CheckOutcome Outcome => !Intact ? CheckOutcome.Fail : Events == 0 ? CheckOutcome.NotRun : CheckOutcome.Pass;
}
