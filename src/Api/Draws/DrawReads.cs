using System.Text.Json;
using FairDraw.Ledger.Draws;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FairDraw.Api.Draws;

/// <summary>
/// Public reads of a task's draws (一公开: anyone may see and check a draw, without trusting the server): every round
/// with its events, the verification report, and the evidence bundle the browser verifier checks offline.
/// </summary>
public static class DrawReads
{
    /// <summary>Every round of the task's draw, each with the events recorded so far.</summary>
    [AllowAnonymous]
    [WolverineGet("/api/tasks/{taskId}/draw", Name = "GetTaskDraw")]
    public static async Task<TaskDraw> Get(string taskId, IQuerySession session) =>
        (await TaskDraws.LoadAsync(session, taskId)).Existing(taskId);

    /// <summary>Recomputes a round (default: the newest) from the ledger and reports every check, naming the first mismatch.</summary>
    [AllowAnonymous]
    [WolverineGet("/api/tasks/{taskId}/draw/verification", Name = "VerifyTaskDraw")]
    public static Task<DrawReport> Verify(string taskId, int? round, IQuerySession session, DrawEvidence evidence, CancellationToken cancellation) =>
        evidence.VerifyAsync(session, taskId, round, cancellation);

    /// <summary>The evidence bundle of a round as one JSON file (format fair-draw-evidence/1).</summary>
    [AllowAnonymous]
    [ProducesResponseType<EvidenceBundle>(StatusCodes.Status200OK)]
    [WolverineGet("/api/tasks/{taskId}/draw/evidence", Name = "ExportDrawEvidence")]
    public static async Task<IResult> Evidence(string taskId, int? round, IQuerySession session, DrawEvidence evidence, CancellationToken cancellation)
    {
        var bundle = await evidence.BundleAsync(session, taskId, round, cancellation);
        return Results.File(
            JsonSerializer.SerializeToUtf8Bytes(bundle, EvidenceBundle.Json),
            "application/json",
            $"evidence-{taskId}-round{bundle.Round}.json");
    }
}
