using FairDraw.Ledger;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Results;
using FairDraw.Projections.Items;
using FairDraw.Projections.Plans;
using FairDraw.Projections.Storage;
using Marten;

namespace FairDraw.Api.InspectionResults;

/// <summary>One result stream as read: the folded result (null when none is recorded) and the stream version it was folded at.</summary>
public sealed record LoadedResult(InspectionResult? State, long Version) : IStreamVersion
{
    long IStreamVersion.StreamVersion => Version;
}

/// <summary>Reading result streams and what their decisions need from the plan and its item list.</summary>
public static class TaskResults
{
    public static Task<LoadedResult> LoadAsync(IQuerySession session, string taskId, string entityId, string itemCode) =>
        LoadAsync(session, StreamKeys.Result(taskId, entityId, itemCode));

    /// <summary>The result stream <paramref name="streamKey"/> ("result:{taskId}:{entityId}:{itemCode}") as read.</summary>
    public static async Task<LoadedResult> LoadAsync(IQuerySession session, string streamKey)
    {
        var events = await session.Events.FetchStreamAsync(streamKey);
        return new LoadedResult(events.Aggregate((InspectionResult?)null, (state, e) => InspectionResult.Evolve(state, e.Data)), events.Count);
    }

    /// <summary>Every recorded result of the task, in stream key order (entity, then item).</summary>
    public static async Task<IReadOnlyList<InspectionResult>> AllAsync(IQuerySession session, string taskId, CancellationToken cancellation)
    {
        var prefix = StreamKeys.ResultsOf(taskId);
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamKey!.StartsWith(prefix))
            .OrderBy(e => e.StreamKey)
            .ThenBy(e => e.Version)
            .ToListAsync(cancellation);
        return [.. events.GroupBy(e => e.StreamKey!)
            .Select(stream => stream.Aggregate((InspectionResult?)null, (state, e) => InspectionResult.Evolve(state, e.Data)))
            .OfType<InspectionResult>()];
    }

    /// <summary>
    /// The department the task's results of <paramref name="itemCode"/> belong to (<see cref="SamplingTaskSpec.DepartmentOf"/>):
    /// the lead's for an item the task lacks, which has no result, so that its lead hears 404 as before.
    /// <paramref name="plan"/> is the view <paramref name="task"/> was read from (PlanReads.PlanOfTaskAsync).
    /// </summary>
    public static async Task<string> DepartmentAsync(IQuerySession session, PlanView plan, PlannedTask task, string itemCode) =>
        task.Spec.ItemCodes.Contains(itemCode) && await ItemAsync(session, plan, itemCode) is { } item
            ? task.Spec.DepartmentOf(item.ResponsibleDepartment)
            : task.Spec.LeadDepartment;

    /// <summary>The item <paramref name="itemCode"/> of the list the task's plan names, as it now stands; null when it has none.</summary>
    public static async Task<InspectionItem?> ItemAsync(IQuerySession session, PlannedTask task, string? itemCode) =>
        await session.LoadAsync<PlanView>(task.PlanId) is { } plan ? await ItemAsync(session, plan, itemCode) : null;

    /// <summary>
    /// The item <paramref name="itemCode"/> of the list <paramref name="plan"/> names, as it now stands; null when it has
    /// none. Only that item is turned into the domain's, not the whole list: result writes ask for one on every request.
    /// </summary>
    public static async Task<InspectionItem?> ItemAsync(IQuerySession session, PlanView plan, string? itemCode)
    {
        var list = await session.LoadAsync<ItemListView>(StreamKeys.ItemList(plan.ItemListJurisdiction, plan.ItemListVersion));
        return list?.Items.FirstOrDefault(listed => listed.Code == itemCode)?.ToItem();
    }
}
