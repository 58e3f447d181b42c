using FairDraw.Api.Reads;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Plans;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FairDraw.Api.Plans;

/// <summary>Filters of the plan list, bound from the query string; every one optional.</summary>
public sealed class PlanFilter
{
    [FromQuery]
    public int? Year { get; set; }

    /// <summary>A division code; a city or province code lists the plans of everything beneath it.</summary>
    [FromQuery]
    public string? Jurisdiction { get; set; }

    [FromQuery]
    public int? Page { get; set; }

    [FromQuery]
    public int? PageSize { get; set; }

    /// <summary>The <c>next</c> cursor of the page before: the page after its last item (instead of <c>page</c>).</summary>
    [FromQuery]
    public string? After { get; set; }

    /// <summary>true: also count every match into <c>total</c> (a scan of all of them; otherwise total is null).</summary>
    [FromQuery]
    public bool? Count { get; set; }

    public PageRequest Paging() => new(Page, PageSize, After, Count);
}

/// <summary>A plan without its tasks, for the list of plans.</summary>
public sealed record PlanSummary(
    string PlanId,
    int Year,
    string Jurisdiction,
    string Department,
    string DepartmentName,
    string ItemListJurisdiction,
    string ItemListVersion,
    PlanStatus Status,
    int Tasks,
    long ExpectedSample,
    long RequiredSample,
    int Filings,
    int Adjustments,
    long StreamVersion)
{
    public static PlanSummary From(PlanView plan) => new(
        plan.Id, plan.Year, plan.Jurisdiction, plan.Department, plan.DepartmentName, plan.ItemListJurisdiction, plan.ItemListVersion,
        plan.Status, plan.Tasks.Length, plan.Basis.ExpectedSample, plan.Basis.RequiredSample, plan.Filings.Length, plan.Adjustments.Length,
        plan.StreamVersion);
}

/// <summary>Reads of the annual plans (any role), and the planned task a draw is made for.</summary>
public static class PlanReads
{
    private static readonly ListOrder<PlanView> ById = new("plans", x => x.Id, "d.id");

    public static Task<PlanView?> CurrentAsync(IQuerySession session, PlanId id) => session.LoadAsync<PlanView>(id.ToString());

    public static string Location(PlanId id) => $"/api/plans/{id}";

    /// <summary>The task "{planId}-{code}" as its plan now states it; NotFound when there is no such plan or task.</summary>
    public static async Task<PlannedTask> PlannedTaskAsync(IQuerySession session, string taskId) =>
        (await PlanOfTaskAsync(session, taskId)).Task;

    /// <summary>As <see cref="PlannedTaskAsync"/>, with the plan's view it was read from (for what else the plan names).</summary>
    public static async Task<(PlanView Plan, PlannedTask Task)> PlanOfTaskAsync(IQuerySession session, string taskId)
    {
        (PlanId Plan, string Code) parsed;
        try
        {
            parsed = PlanId.ParseTask(taskId);
        }
        catch (DomainException)
        {
            throw NoTask(taskId);
        }

        var plan = await CurrentAsync(session, parsed.Plan);
        return plan?.ToState().Task(parsed.Code) is { } task ? (plan, task) : throw NoTask(taskId);
    }

    /// <summary>The plans, optionally of one year and jurisdiction (a city covers its districts), paged by plan id.</summary>
    [WolverineGet("/api/plans", Name = "ListPlans")]
    public static async Task<Page<PlanSummary>> List([AsParameters] PlanFilter filter, IQuerySession session)
    {
        IQueryable<PlanView> query = session.Query<PlanView>();
        if (filter.Year is { } year)
        {
            query = query.Where(x => x.Year == year);
        }

        if (filter.Jurisdiction is { } jurisdiction)
        {
            var prefix = DivisionCode.Parse(jurisdiction).CoveredPrefix;
            query = query.Where(x => x.Jurisdiction.StartsWith(prefix));
        }

        var page = await query.ToPageAsync(filter.Paging(), ById, filter.Year, filter.Jurisdiction);
        return page.Select(PlanSummary.From);
    }

    /// <summary>One plan: its content, the 3% basis it was checked against, its filings and adjustments.</summary>
    [WolverineGet("/api/plans/{planId}", Name = "GetPlan")]
    public static async Task<PlanView> Get(string planId, IQuerySession session) =>
        await CurrentAsync(session, PlanId.Parse(planId))
        ?? throw DomainException.NotFound("planId", $"没有抽查计划{planId} / no sampling plan {planId}");

    /// <summary>Every event of one plan: drafts, revisions, filings, acknowledgements, adjustments.</summary>
    [WolverineGet("/api/plans/{planId}/history", Name = "PlanHistory")]
    public static Task<IReadOnlyList<HistoryEntry>> GetHistory(string planId, IQuerySession session) =>
        History.ReadAsync(session, PlanId.Parse(planId).StreamKey);

    private static DomainException NoTask(string taskId) =>
        DomainException.NotFound("taskId", $"没有抽查任务{taskId} / no sampling task {taskId}");
}
