using FairDraw.Api.Items;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Draws;
using Marten;

namespace FairDraw.Api.Plans;

/// <summary>
/// Reads what a plan decision needs besides the plan: the item list its content names, the 3% census (existing
/// enterprises of the jurisdiction and N_h per stratum of every task pool, all at one ledger position, with the pool
/// filter the draws use) and which of the plan's tasks have been drawn.
/// </summary>
public static class PlanContexts
{
    /// <summary>
    /// The context of <paramref name="content"/> for <paramref name="plan"/>. When the content is invalid the census is
    /// left out: the decision fails on the content before it needs the counts. The census is taken in
    /// <paramref name="session"/>'s transaction at a settled position, so that a recount as of the position the plan
    /// records gives the same numbers.
    /// </summary>
    public static async Task<PlanContext> ReadAsync(
        IDocumentSession session, EntityPoolReader pool, PlanId plan, PlanContentInput content, IReadOnlyList<string> taskCodes, CancellationToken cancellation)
    {
        var list = PlanContent.TryListId(content.ItemList) is { } listId ? (await ItemListReads.CurrentAsync(session, listId))?.ToState() : null;
        var valid = PlanContent.TryValidate(content, plan, list);
        var census = valid is null ? null : await CensusAsync(session, pool, plan, valid, cancellation);
        var drawn = taskCodes.Count == 0
            ? []
            : (await session.LoadManyAsync<TaskDrawView>(cancellation, [.. taskCodes.Select(plan.TaskId)])).Select(view => PlanId.ParseTask(view.Id).Code).ToHashSet();
        return new PlanContext(list, census, drawn);
    }

    private static async Task<PlanCensus> CensusAsync(IDocumentSession session, EntityPoolReader pool, PlanId plan, PlanContent content, CancellationToken cancellation)
    {
        var position = await pool.SettledPositionAsync(session, cancellation);
        var all = new PopulationFilter(plan.Jurisdiction, [EntityType.Enterprise], TaskTargeting.Untargeted, StratifyBy.None);
        var existing = (await pool.CountAsync(all, position, cancellation)).Sum(count => (long)count.Count);

        // Tasks with the same pool share one count (plans often target one population with several items).
        var counted = new Dictionary<string, IReadOnlyList<StratumCount>>(StringComparer.Ordinal);
        var strata = new Dictionary<string, IReadOnlyList<StratumCount>>(StringComparer.Ordinal);
        foreach (var task in content.Tasks)
        {
            var filter = new PopulationFilter(plan.Jurisdiction, task.PoolTypes, task.Spec.Targeting, task.Spec.StratifyBy).EnterprisesOnly();
            var key = Key(filter);
            if (!counted.TryGetValue(key, out var counts))
            {
                counts = await pool.CountAsync(filter, position, cancellation);
                counted[key] = counts;
            }

            strata[task.Spec.Code] = counts;
        }

        return new PlanCensus(position, existing, strata);
    }

    private static string Key(PopulationFilter filter)
    {
        var t = filter.Targeting;
        return string.Join('|', filter.StratifyBy, string.Join(',', filter.Types), string.Join(',', t.Types), string.Join(',', t.Industries),
            string.Join(',', t.Areas), string.Join(',', t.Tags), string.Join(',', t.RiskClasses));
    }
}
