using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine.Http;

namespace FairDraw.Api.Hosting;

public static class HealthEndpoint
{
    /// <summary>
    /// Whether the service is healthy (public, for monitors): 200 "Healthy", or 503 problem details naming each check that
    /// failed and why, e.g. the ledger's signer after it refused to sign a fork.
    /// </summary>
    [AllowAnonymous]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/plain")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    [WolverineGet("/health", Name = "Health")]
    public static async Task<IResult> Get(HealthCheckService health, CancellationToken cancellation)
    {
        var report = await health.CheckHealthAsync(cancellation);
        return report.Status == HealthStatus.Healthy
            ? Results.Text(nameof(HealthStatus.Healthy))
            : Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "服务不健康 / unhealthy",
                detail: string.Join("; ", report.Entries.Where(entry => entry.Value.Status != HealthStatus.Healthy)
                    .Select(entry => $"{entry.Key}: {entry.Value.Description}")));
    }
}
