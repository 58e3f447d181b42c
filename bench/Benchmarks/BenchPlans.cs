using Alba;
using FairDraw.Api.Demo;
using FairDraw.Api.Plans;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Draws;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Benchmarks;

/// <summary>The benchmarks' plans, drafted and filed through the plan's own decisions on the demo's plan dates.</summary>
internal static class BenchPlans
{
    public static async Task DraftAndFileAsync(
        IAlbaHost host, IDocumentSession session, PlanId id, DraftPlan draft, Actor division, DemoClock clock)
    {
        clock.Now = DemoClock.PlanDrafted;
        var context = await PlanContexts.ReadAsync(
            session, host.Services.GetRequiredService<EntityPoolReader>(), id, draft.ToContent(), [], CancellationToken.None);
        await StreamAppend.AppendAsync(
            session, id.StreamKey, read: null, PlanDecisions.Draft(draft, null, context, division, clock.GetCurrentInstant()));
        clock.Now = DemoClock.At(2021, 3, 16, 10);
        var drafted = await PlanReads.CurrentAsync(session, id);
        await StreamAppend.AppendAsync(
            session, id.StreamKey, drafted, PlanDecisions.File(drafted!.ToState(), division, clock.GetCurrentInstant()));
    }
}
