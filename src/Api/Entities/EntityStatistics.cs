using FairDraw.Api.Reads;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Directories;
using Marten;
using Wolverine.Http;

namespace FairDraw.Api.Entities;

/// <summary>Existing enterprises (存续企业) registered in one jurisdiction: the base of the 3% sampling rule.</summary>
public sealed record ExistingEnterprises(string Jurisdiction, long Count);

public static class EntityStatistics
{
    /// <summary>
    /// Existing enterprises per jurisdiction, now or as of a past instant or ledger position
    /// (a plan fixes its 3% base at a ledger position).
    /// </summary>
    [WolverineGet("/api/statistics/existing-enterprises", Name = "ExistingEnterprises")]
    public static async Task<IReadOnlyList<ExistingEnterprises>> Get(string? asOf, long? asOfPosition, IQuerySession session)
    {
        var jurisdictions = await session.Query<EntityRevision>()
            .ValidAt(asOf, asOfPosition)
            .Where(x => x.Type == EntityType.Enterprise && x.Status == EntityStatus.Existing)
            .Select(x => x.Jurisdiction)
            .ToListAsync();
        return [.. jurisdictions.CountBy(j => j).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new ExistingEnterprises(c.Key, c.Value))];
    }
}
