namespace FairDraw.Ledger.Draws;

/// <summary>One check of a draw's verification, with the first mismatch named when it failed.</summary>
public sealed record DrawCheck(string Name, CheckOutcome Outcome, string Detail);

/// <summary>
/// What <see cref="DrawVerification.Verify"/> found for one round: every check, and the first that failed or was not
/// run. The round passes only when every check ran and passed. <see cref="Witnessing"/> stands apart: whether the
/// receipts' checkpoints meet the witness policy the verifier gave — not run without one, which leaves the round's
/// verdict as the checks make it; a policy not met fails the round.
/// </summary>
public sealed record DrawReport(
    string TaskId, int Round, bool Passed, string? FirstFailure, IReadOnlyList<DrawCheck> Checks, DrawCheck Witnessing);

/// <summary>A check's verdict and what it rebuilt (null when it got no further), which the checks that need it take as input.</summary>
internal sealed record Checked<T>(DrawCheck Check, T? Value)
    where T : class;
