using System.Text.RegularExpressions;
using FairDraw.Api.Draws;
using FairDraw.Api.InspectionResults;
using FairDraw.Ledger;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Draws;
using FairDraw.Projections.Plans;
using FairDraw.Projections.Results;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Public;

/// <summary>A planned task as the public sees it: its draw's current round and that round's state ("planned" before any).</summary>
public sealed record PublicTask(string TaskId, string Code, string Name, IReadOnlyList<string> ItemCodes, int? Round, string DrawState);

/// <summary>A filed plan (never a draft) with its tasks.</summary>
public sealed record PublicPlan(
    string PlanId, int Year, string Jurisdiction, string DepartmentName, string ItemListJurisdiction, string ItemListVersion,
    PlanStatus Status, IReadOnlyList<PublicTask> Tasks);

public sealed record PublicPlans(IReadOnlyList<PublicPlan> Plans);

/// <summary>
/// A committed source in structured form: a drand round (<see cref="Chain"/>, <see cref="DrandRound"/>) or a lottery
/// issue (<see cref="Game"/>, <see cref="Operator"/>, <see cref="DrawDate"/>, <see cref="Issue"/>), and when it resolves;
/// <see cref="Reference"/> is the committed text itself.
/// </summary>
public sealed record PendingSource(
    string Label, string Kind, string Reference, Instant ResolvesAt, string? Chain, long? DrandRound, string? Game,
    string? Operator, string? DrawDate, string? Issue);

/// <summary>A committed round whose sources are not recorded yet: anyone can watch them resolve.</summary>
public sealed record PendingCommitment(
    string TaskId, int Round, string CommitHash, Instant CommittedAt, Instant PublishBy, CommitmentPublished? Publication,
    IReadOnlyList<PendingSource> Sources);

public sealed record PendingCommitments(IReadOnlyList<PendingCommitment> Commitments);

/// <summary>A published result found by the search, with the entity's name in the directory.</summary>
public sealed record FoundPublishedResult(PublishedResult Result, string? EntityName);

/// <summary>One page of the search; <see cref="Total"/> counts every match.</summary>
public sealed record PublishedResultPage(IReadOnlyList<FoundPublishedResult> Results, int Page, int PageSize, long Total);

/// <summary>
/// The public reads the portal's pages need beyond the existing ones (一公开, no token): the filed plans with each task's
/// draw state, the commitments still waiting for their sources, and a search of the published results.
/// </summary>
public static partial class PortalReads
{
    public const int MaxPageSize = 100;

    /// <summary>The filed plans (of <paramref name="year"/> when given), by plan id, each task with its draw's state.</summary>
    [AllowAnonymous]
    [WolverineGet("/api/public/plans", Name = "ListPublicPlans")]
    public static async Task<PublicPlans> Plans(int? year, IQuerySession session, CancellationToken cancellation)
    {
        IQueryable<PlanView> query = session.Query<PlanView>().Where(plan => plan.Status != PlanStatus.Draft);
        if (year is { } filed)
        {
            query = query.Where(plan => plan.Year == filed);
        }

        var plans = await query.OrderBy(plan => plan.Id).ToListAsync(cancellation);
        var taskIds = plans.SelectMany(plan => plan.Tasks.Select(task => $"{plan.Id}-{task.Code}")).ToArray();
        var draws = (await session.LoadManyAsync<TaskDrawView>(cancellation, taskIds)).ToDictionary(view => view.Id);
        return new PublicPlans([.. plans.Select(plan => new PublicPlan(
            plan.Id, plan.Year, plan.Jurisdiction, plan.DepartmentName, plan.ItemListJurisdiction, plan.ItemListVersion, plan.Status,
            [.. plan.Tasks.Select(task =>
            {
                var draw = draws.GetValueOrDefault($"{plan.Id}-{task.Code}");
                return new PublicTask($"{plan.Id}-{task.Code}", task.Code, task.Name, task.ItemCodes, draw?.Round, draw?.State.ToString() ?? "Planned");
            })]))]);
    }

    /// <summary>
    /// The current rounds committed (published or not) whose source values are not recorded yet and that have not lapsed
    /// (docs/draw-protocol.md §13.1), oldest first.
    /// </summary>
    [AllowAnonymous]
    [WolverineGet("/api/public/commitments/pending", Name = "ListPendingCommitments")]
    public static async Task<PendingCommitments> Pending(IQuerySession session, IClock clock, CancellationToken cancellation)
    {
        var now = clock.GetCurrentInstant();
        var waiting = await session.Query<TaskDrawView>()
            .Where(view => view.State == DrawState.Committed || view.State == DrawState.Published)
            .OrderBy(view => view.Id)
            .ToListAsync(cancellation);
        var pending = new List<PendingCommitment>();
        foreach (var view in waiting)
        {
            var draw = (await TaskDraws.LoadAsync(session, view.Id)).Existing(view.Id);
            if (draw.Current is { Commitment: { } commitment } round
                && RoundStates.Of(draw, round, now) is RoundState.Committed or RoundState.Published)
            {
                pending.Add(new PendingCommitment(
                    view.Id, round.Number, commitment.CommitHash, commitment.CommittedAt, commitment.PublishBy, round.Publication,
                    [.. commitment.Sources.Select(Structured)]));
            }
        }

        return new PendingCommitments([.. pending.OrderBy(p => p.CommittedAt)]);
    }

    /// <summary>
    /// The published results whose entity's code starts with <paramref name="q"/> or whose name in the directory contains
    /// it (all of them without <paramref name="q"/>), in stream key order, one page of <paramref name="pageSize"/> (1–100,
    /// default 20); 400 naming the parameter.
    /// </summary>
    [AllowAnonymous]
    [WolverineGet("/api/public/results", Name = "SearchPublishedResults")]
    public static async Task<PublishedResultPage> Search(
        [FromQuery] string? q, [FromQuery] int? page, [FromQuery] int? pageSize, IQuerySession session, PublishedResultSearch search,
        CancellationToken cancellation)
    {
        var text = q?.Trim() ?? "";
        if (q is not null && (text.Length is 0 or > 100 || text.Any(char.IsControl)))
        {
            throw DomainException.Invalid("q", "请输入1至100个字符的统一社会信用代码或名称 / give a code or name of 1 to 100 characters, without control characters");
        }

        var number = page ?? 1;
        if (number < 1)
        {
            throw DomainException.Invalid("page", "页码从1开始 / page starts at 1");
        }

        var size = pageSize ?? 20;
        if (size is < 1 or > MaxPageSize)
        {
            throw DomainException.Invalid("pageSize", $"每页1至{MaxPageSize}条 / pageSize is 1 to {MaxPageSize}");
        }

        var (found, total) = await search.FindAsync(text, checked((number - 1) * size), size, cancellation);
        var views = (await session.LoadManyAsync<PublishedResultView>(cancellation, [.. found.Select(f => f.Id)])).ToDictionary(v => v.Id);
        return new PublishedResultPage(
            [.. found.Where(f => views.ContainsKey(f.Id)).Select(f => new FoundPublishedResult(PublicResults.Of(views[f.Id]), f.EntityName))],
            number, size, total);
    }

    /// <summary>A committed source in structured form, read from its reference as the draw protocol writes it (§13).</summary>
    private static PendingSource Structured(CommittedSource source)
    {
        if (SourceRegistry.DrandOfReference(source.Reference) is var (chain, round))
        {
            return new(source.Label, source.Kind, source.Reference, source.ResolvesAt, chain.Name, round, null, null, null, null);
        }

        var lottery = LotteryReference().Match(source.Reference);
        return SourceRegistry.GameOfReference(source.Reference) is { } game && lottery.Success
            ? new(source.Label, source.Kind, source.Reference, source.ResolvesAt, null, null, game.Name, game.Operator,
                lottery.Groups["date"].Value, lottery.Groups["issue"].Value)
            : new(source.Label, source.Kind, source.Reference, source.ResolvesAt, null, null, null, null, null, null);
    }

    /// <summary>A committed lottery reference: "&lt;game&gt; &lt;date&gt; 第&lt;issue&gt;期".</summary>
    [GeneratedRegex("^\\S+ (?<date>\\d{4}-\\d{2}-\\d{2}) 第(?<issue>\\d+)期$")]
    private static partial Regex LotteryReference();
}
