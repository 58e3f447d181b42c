using FairDraw.Api.Hosting;
using FairDraw.Ledger;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Directories;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FairDraw.Api.Entities;

/// <summary>Filters of the entity directory, bound from the query string; every one optional. Enumerations take the English name.</summary>
public sealed class EntityFilter
{
    [FromQuery]
    public string? Jurisdiction { get; set; }

    [FromQuery]
    public EntityType? Type { get; set; }

    [FromQuery]
    public EntityStatus? Status { get; set; }

    [FromQuery]
    public RiskClass? RiskClass { get; set; }

    /// <summary>A GB/T 4754 code or prefix ("F52" matches "F5211").</summary>
    [FromQuery]
    public string? Industry { get; set; }

    [FromQuery]
    public string? Tag { get; set; }

    [FromQuery]
    public string? AsOf { get; set; }

    [FromQuery]
    public long? AsOfPosition { get; set; }

    [FromQuery]
    public int? Page { get; set; }

    [FromQuery]
    public int? PageSize { get; set; }
}

public static class EntityReads
{
    public static Task<EntityRevision?> CurrentAsync(IQuerySession session, string uscc) =>
        session.Query<EntityRevision>().Where(x => x.Uscc == uscc && x.IsCurrent).SingleOrDefaultAsync();

    /// <summary>The entity directory (now, or as of a past instant or ledger position), filtered and paged by code.</summary>
    [WolverineGet("/api/entities", Name = "ListEntities")]
    public static async Task<Page<EntityRevision>> List([AsParameters] EntityFilter filter, IQuerySession session)
    {
        var query = session.Query<EntityRevision>().ValidAt(filter.AsOf, filter.AsOfPosition);
        if (filter.Jurisdiction is { } jurisdiction)
        {
            // A city or province code lists everything beneath it.
            var prefix = FairDraw.Ledger.Access.DivisionCode.Parse(jurisdiction).CoveredPrefix;
            query = query.Where(x => x.Jurisdiction.StartsWith(prefix));
        }

        if (filter.Type is { } type)
        {
            query = query.Where(x => x.Type == type);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(x => x.Status == status);
        }

        if (filter.RiskClass is { } risk)
        {
            query = query.Where(x => x.RiskClass == risk);
        }

        if (filter.Industry is { } industry)
        {
            query = query.Where(x => x.Industry.StartsWith(industry));
        }

        if (filter.Tag is { } tag)
        {
            query = query.Where(x => x.Tags.Contains(tag));
        }

        return await query.OrderBy(x => x.Uscc).ToPageAsync(filter.Page, filter.PageSize);
    }

    /// <summary>One entity, now or as of a past instant or ledger position.</summary>
    [WolverineGet("/api/entities/{uscc}", Name = "GetEntity")]
    public static async Task<EntityRevision> Get(string uscc, string? asOf, long? asOfPosition, IQuerySession session) =>
        await session.Query<EntityRevision>().Where(x => x.Uscc == uscc).ValidAt(asOf, asOfPosition).SingleOrDefaultAsync()
        ?? throw DomainException.NotFound("uscc", $"名录库中没有{uscc}（在该时点） / {uscc} is not in the directory at that moment");

    /// <summary>Every event of one entity: who did what, when, at which ledger position.</summary>
    [WolverineGet("/api/entities/{uscc}/history", Name = "EntityHistory")]
    public static Task<IReadOnlyList<HistoryEntry>> GetHistory(string uscc, IQuerySession session) =>
        History.ReadAsync(session, StreamKeys.Entity(uscc));
}
