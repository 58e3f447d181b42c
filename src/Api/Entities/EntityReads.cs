using System.Globalization;
using FairDraw.Api.Reads;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Directories;
using Marten;
using Marten.Linq.MatchesSql;
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

    /// <summary>The <c>next</c> cursor of the page before: the page after its last item (instead of <c>page</c>).</summary>
    [FromQuery]
    public string? After { get; set; }

    /// <summary>true: also count every match into <c>total</c> (a scan of all of them; otherwise total is null).</summary>
    [FromQuery]
    public bool? Count { get; set; }

    public PageRequest Paging() => new(Page, PageSize, After, Count);
}

public static class EntityReads
{
    private static readonly ListOrder<EntityRevision> ByCode = new("entities", x => x.Uscc, "d.uscc");

    public static Task<EntityRevision?> CurrentAsync(IQuerySession session, string uscc) =>
        session.Query<EntityRevision>().Where(x => x.Uscc == uscc && x.IsCurrent).SingleOrDefaultAsync();

    /// <summary>The entity directory (now, or as of a past instant or ledger position), filtered and paged by code.</summary>
    [WolverineGet("/api/entities", Name = "ListEntities")]
    public static async Task<StoredJsonPage<EntityRevision>> List([AsParameters] EntityFilter filter, IQuerySession session)
    {
        var query = session.Query<EntityRevision>().ValidAt(filter.AsOf, filter.AsOfPosition);
        if (filter.Jurisdiction is { } jurisdiction)
        {
            query = Beneath(query, DivisionCode.Parse(jurisdiction));
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

        return await query.ToStoredJsonPageAsync(
            filter.Paging(), ByCode, filter.Jurisdiction, filter.Type, filter.Status, filter.RiskClass, filter.Industry, filter.Tag,
            filter.AsOf, filter.AsOfPosition);
    }

    /// <summary>
    /// The entities of a division and, for a city or province, of everything beneath it: a district by equality, a
    /// city or province as the range of codes that start with its prefix (codes are six digits, which every collation
    /// orders digit by digit), so that the (jurisdiction, uscc) index serves both, which a <c>like</c> could not.
    /// </summary>
    private static IQueryable<EntityRevision> Beneath(IQueryable<EntityRevision> query, DivisionCode division)
    {
        var prefix = division.CoveredPrefix;
        if (prefix == division.Value)
        {
            return query.Where(x => x.Jurisdiction == prefix);
        }

        if (prefix.All(digit => digit == '9'))
        {
            return query.Where(x => x.MatchesSql("d.jurisdiction >= ?", prefix));
        }

        var end = (int.Parse(prefix, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture).PadLeft(prefix.Length, '0');
        return query.Where(x => x.MatchesSql("d.jurisdiction >= ? and d.jurisdiction < ?", prefix, end));
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
