namespace FairDraw.Ledger.Draws;

/// <summary>One check of a draw's verification, with the first mismatch named when it failed.</summary>
public sealed record DrawCheck(string Name, CheckOutcome Outcome, string Detail);

/// <summary>
/// What <see cref="DrawVerification.Verify"/> found for one round: every check, and the first that failed or was not
/// run. <see cref="Passed"/> only when every check ran and passed. <see cref="Witnessing"/> stands apart: whether the
/// receipts' checkpoints meet the witness policy the verifier gave — not run without one, which leaves the round's
/// verdict as the checks make it; a policy not met fails the round. <see cref="State"/> and <see cref="Outcome"/>
/// place the round among the task's (<see cref="RoundOutcome"/>); <see cref="Note"/> says why it needs attention or
/// what it waits for, <see cref="SetAside"/> is the countersigned set-aside of a set-aside round, and
/// <see cref="WouldBe"/> the sample a lapsed round's recorded source values would have drawn (never executed).
/// </summary>
public sealed record DrawReport(
    string TaskId,
    int Round,
    bool Passed,
    string? FirstFailure,
    IReadOnlyList<DrawCheck> Checks,
    DrawCheck Witnessing,
    RoundState State,
    RoundOutcome Outcome,
    string? Note,
    RoundSetAside? SetAside,
    IReadOnlyList<SelectedEntity>? WouldBe = null);

/// <summary>Every round of a task verified, newest last, and the task's outcome over them (<see cref="RoundOutcome"/>).</summary>
public sealed record TaskVerification(string TaskId, RoundOutcome Outcome, IReadOnlyList<DrawReport> Rounds)
{
    public static TaskVerification Of(string taskId, IReadOnlyList<DrawReport> rounds) => new(
        taskId,
        new[] { RoundOutcome.Fail, RoundOutcome.Attention, RoundOutcome.Pending }
            .FirstOrDefault(outcome => rounds.Any(round => round.Outcome == outcome), RoundOutcome.Pass),
        rounds);
}

/// <summary>A check's verdict and what it rebuilt (null when it got no further), which the checks that need it take as input.</summary>
internal sealed record Checked<T>(DrawCheck Check, T? Value)
    where T : class;
