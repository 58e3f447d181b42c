using System.Text.Json;
using FairDraw.Api.Access;
using FairDraw.Ledger.Duty;
using FairDraw.Projections.Duty;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FairDraw.Api.Duty;

/// <summary>
/// The duty report (尽职报告) of a department's year and its bundle for offline verification (docs/duty-report.md): both
/// built by the one engine over the canonical bytes the bundle ships.
/// </summary>
public static class DutyEndpoints
{
    /// <summary>
    /// The duty report of a plan (year, jurisdiction, department code), and of one official within it, as of a log size
    /// (default: the newest witnessed checkpoint's, else the newest signed one's): each clause's verdict, the events it
    /// read and its findings.
    /// </summary>
    [ProducesResponseType<DutyReport>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [WolverineGet("/api/duty/reports", Name = "DutyReport")]
    public static async Task<IResult> Report(
        int? year, string? jurisdiction, string? department, string? official, long? asOf, HttpContext context, DutyBundles bundles,
        CancellationToken cancellation)
    {
        var scope = DutyAccess.Authorize(year, jurisdiction, department, official, context.User.ToActor());
        var bundle = await bundles.BuildAsync(scope, asOf, cancellation);
        return Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(bundle.Report, DutyBundle.Json), "application/json; charset=utf-8");
    }

    /// <summary>
    /// The duty bundle (fairdraw-duty-bundle/v2) as one JSON file: the report, the canonical bytes of every event it reads
    /// with one multi-leaf inclusion proof, the final signed checkpoint and the checkpoints its time bounds rest on, for
    /// <c>verify-duty</c> and the JavaScript verifier.
    /// </summary>
    [ProducesResponseType<DutyBundle>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [WolverineGet("/api/duty/bundles", Name = "DutyBundle")]
    public static async Task<IResult> Bundle(
        int? year, string? jurisdiction, string? department, string? official, long? asOf, HttpContext context, DutyBundles bundles,
        CancellationToken cancellation)
    {
        var scope = DutyAccess.Authorize(year, jurisdiction, department, official, context.User.ToActor());
        var bundle = await bundles.BuildAsync(scope, asOf, cancellation);
        // Written straight to the response: a city's year is tens of megabytes, not worth holding twice.
        return Results.Stream(
            body => JsonSerializer.SerializeAsync(body, bundle, DutyBundle.Json, cancellation), "application/json",
            $"duty-{scope.PlanId}-{bundle.Report.AsOf}.json");
    }
}
