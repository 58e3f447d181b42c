using System.Security.Claims;
using FairDraw.Ledger.Anomalies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Anomalies;

/// <summary>
/// The per-official anomaly view of a year in a jurisdiction (docs/anomalies.md): the measures with what each counts
/// and per what, the rule as applied, and every official's figures against their peers'. A flagged figure lists its
/// events by ledger sequence, whose receipts GET /api/ledger/receipts/{sequence} serves.
/// </summary>
public sealed record OfficialAnomalyReport(
    int Year,
    string Jurisdiction,
    Instant AsOf,
    IReadOnlyList<Measure> Measures,
    AppliedRule Rule,
    IReadOnlyList<OfficialFigures> Officials);

public static class OfficialAnomaliesEndpoint
{
    public const string Path = "/api/anomalies/officials";

    /// <summary>
    /// Folds the year's task and result streams into per-official tallies (<see cref="OfficialActs"/>) and flags the
    /// outliers by <see cref="OutlierRule.Standard"/>; a round's state (lapsed or not) is taken now.
    /// </summary>
    [WolverineGet(Path, Name = "OfficialAnomalies")]
    public static async Task<OfficialAnomalyReport> Get(
        int? year,
        string? jurisdiction,
        ClaimsPrincipal user,
        IQuerySession session,
        IClock clock,
        CancellationToken cancellation)
    {
        var scope = AnomalyScope.For(year, jurisdiction, user);
        var now = clock.GetCurrentInstant();
        var tallies = OfficialActs.Tally(await scope.EventsAsync(session, cancellation), now);
        var (rule, officials) = OutlierRule.Standard.Apply(tallies);
        return new OfficialAnomalyReport(scope.Year, scope.Jurisdiction.Value, now, OfficialActs.All, rule, officials);
    }
}
