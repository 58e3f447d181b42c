using FairDraw.Api.Reads;
using FairDraw.Ledger.Draws;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Draws;

/// <summary>
/// Public reads of a task's draws (一公开: anyone may see and check a draw, without trusting the server): every round
/// with its events, the verification report, and the evidence bundle the browser verifier checks offline.
/// </summary>
/// <summary>
/// A task's draw as <see cref="TaskDraw"/> serialises it, with <see cref="States"/>: each round's state, in round order
/// (its outcome needs the recomputation: GET …/draw/verification).
/// </summary>
public sealed record TaskDrawRead(string TaskId, IReadOnlyList<DrawRound> Rounds, DrawRound Current, IReadOnlyList<RoundState> States);

public static class DrawReads
{
    /// <summary>Every round of the task's draw, each with the events recorded so far, and each round's state now.</summary>
    [AllowAnonymous]
    [WolverineGet("/api/tasks/{taskId}/draw", Name = "GetTaskDraw")]
    public static async Task<TaskDrawRead> Get(string taskId, IQuerySession session, IClock clock)
    {
        var draw = (await TaskDraws.LoadAsync(session, taskId)).Existing(taskId);
        var now = clock.GetCurrentInstant();
        return new TaskDrawRead(draw.TaskId, draw.Rounds, draw.Current, [.. draw.Rounds.Select(round => RoundStates.Of(draw, round, now))]);
    }

    /// <summary>
    /// Recomputes every round (a <see cref="TaskVerification"/>), or the one <paramref name="round"/> names (a
    /// <see cref="DrawReport"/>), from the ledger and reports every check, naming the first mismatch;
    /// kept until the task's events or the signed checkpoint change (ETag, 304), rate-limited for anonymous callers.
    /// </summary>
    [AllowAnonymous]
    [EnableRateLimiting(HeavyReadSettings.Policy)]
    [ProducesResponseType<TaskVerification>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [WolverineGet("/api/tasks/{taskId}/draw/verification", Name = "VerifyTaskDraw")]
    public static Task<IResult> Verify(string taskId, int? round, HttpContext context, DrawResults results) =>
        results.AnswerAsync(context, DrawResults.Kind.Verification, taskId, round);

    /// <summary>The evidence bundle of a round as one JSON file (format fair-draw-evidence/1); kept, tagged and limited as the verification.</summary>
    [AllowAnonymous]
    [EnableRateLimiting(HeavyReadSettings.Policy)]
    [ProducesResponseType<EvidenceBundle>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [WolverineGet("/api/tasks/{taskId}/draw/evidence", Name = "ExportDrawEvidence")]
    public static Task<IResult> Evidence(string taskId, int? round, HttpContext context, DrawResults results) =>
        results.AnswerAsync(context, DrawResults.Kind.Evidence, taskId, round);
}
