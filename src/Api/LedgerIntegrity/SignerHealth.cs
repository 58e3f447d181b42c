using FairDraw.Projections.Integrity;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FairDraw.Api.LedgerIntegrity;

/// <summary>The ledger's signer is unhealthy from the moment its log refuses a tree that does not extend the kept checkpoint.</summary>
public sealed class SignerHealth(LedgerLog log) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(log.Refusal is { } reason ? HealthCheckResult.Unhealthy(reason) : HealthCheckResult.Healthy());
}
