using FairDraw.Api.Reads;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Directories;
using Marten;
using Wolverine.Http;

namespace FairDraw.Api.Entities;

/// <summary>
/// Existing enterprises (存续企业) registered in one jurisdiction: the base of the 3% sampling rule. A city's
/// <c>Total</c> row counts every enterprise it covers (its districts' and its own), beside its own row and theirs.
/// </summary>
public sealed record ExistingEnterprises(string Jurisdiction, long Count, bool Total = false);

public static class EntityStatistics
{
    /// <summary>
    /// Existing enterprises per jurisdiction inside <paramref name="jurisdiction"/> (all when absent), with each city's
    /// total, now or as of a past instant or ledger position (a plan fixes its 3% base at a ledger position).
    /// </summary>
    [WolverineGet("/api/statistics/existing-enterprises", Name = "ExistingEnterprises")]
    public static async Task<IReadOnlyList<ExistingEnterprises>> Get(
        string? jurisdiction, string? asOf, long? asOfPosition, IQuerySession session)
    {
        var scope = jurisdiction is null ? null : (DivisionCode?)DivisionCode.Parse(jurisdiction);
        var prefix = scope?.CoveredPrefix ?? "";
        var jurisdictions = await session.Query<EntityRevision>()
            .ValidAt(asOf, asOfPosition)
            .Where(x => x.Type == EntityType.Enterprise && x.Status == EntityStatus.Existing && x.Jurisdiction.StartsWith(prefix))
            .Select(x => x.Jurisdiction)
            .ToListAsync();
        var own = jurisdictions.CountBy(j => j).Select(c => new ExistingEnterprises(c.Key, c.Value)).ToList();
        // A district asked for has no city total; a city or province asked for (or none) gets each city's (a province's own
        // enterprises belong to no city).
        var totals = scope is { IsCity: false, IsProvince: false }
            ? []
            : own.Where(row => !row.Jurisdiction.EndsWith("0000", StringComparison.Ordinal))
                .GroupBy(row => row.Jurisdiction[..4] + "00", StringComparer.Ordinal)
                .Select(city => new ExistingEnterprises(city.Key, city.Sum(row => row.Count), Total: true));
        return [.. own.Concat(totals).OrderBy(row => row.Jurisdiction, StringComparer.Ordinal).ThenBy(row => row.Total)];
    }
}
