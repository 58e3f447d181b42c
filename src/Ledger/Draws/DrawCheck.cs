namespace FairDraw.Ledger.Draws;

/// <summary>One check of a draw's verification, with the first mismatch named when it failed.</summary>
public sealed record DrawCheck(string Name, CheckOutcome Outcome, string Detail);

/// <summary>
/// What <see cref="DrawVerification.Verify"/> found for one round: every check, and the first that failed or was not
/// run. The round passes only when every check ran and passed.
/// </summary>
public sealed record DrawReport(string TaskId, int Round, bool Passed, string? FirstFailure, IReadOnlyList<DrawCheck> Checks);

/// <summary>A check's verdict and what it rebuilt (null when it got no further), which the checks that need it take as input.</summary>
internal sealed record Checked<T>(DrawCheck Check, T? Value)
    where T : class;
