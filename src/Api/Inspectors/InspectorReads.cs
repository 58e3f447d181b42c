using FairDraw.Api.Reads;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Inspectors;
using FairDraw.Projections.Directories;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FairDraw.Api.Inspectors;

/// <summary>Filters of the inspector directory; every one optional. Enumerations take the English name.</summary>
public sealed class InspectorFilter
{
    /// <summary>A division code; a city or province code lists everything beneath it.</summary>
    [FromQuery]
    public string? Jurisdiction { get; set; }

    [FromQuery]
    public string? Unit { get; set; }

    [FromQuery]
    public InspectorKind? Kind { get; set; }

    /// <summary>true: external experts only; false: staff only.</summary>
    [FromQuery]
    public bool? External { get; set; }

    [FromQuery]
    public InspectorStatus? Status { get; set; }

    /// <summary>One expertise tag the inspector must have (e.g. 特种设备).</summary>
    [FromQuery]
    public string? Expertise { get; set; }

    /// <summary>One qualification the inspector must hold.</summary>
    [FromQuery]
    public string? Qualification { get; set; }

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

public static class InspectorReads
{
    private static readonly ListOrder<InspectorRevision> ById = new("inspectors", x => x.InspectorId, "d.inspector_id");

    public static Task<InspectorRevision?> CurrentAsync(IQuerySession session, string inspectorId) =>
        session.Query<InspectorRevision>().Where(x => x.InspectorId == inspectorId && x.IsCurrent).SingleOrDefaultAsync();

    /// <summary>The inspector directory (now, or as of a past instant or ledger position), filtered and paged by id.</summary>
    [WolverineGet("/api/inspectors", Name = "ListInspectors")]
    public static async Task<StoredJsonPage<InspectorRevision>> List([AsParameters] InspectorFilter filter, IQuerySession session)
    {
        var query = session.Query<InspectorRevision>().ValidAt(filter.AsOf, filter.AsOfPosition);
        if (filter.Jurisdiction is { } jurisdiction)
        {
            // A city or province code lists everything beneath it.
            var prefix = DivisionCode.Parse(jurisdiction).CoveredPrefix;
            query = query.Where(x => x.Jurisdiction.StartsWith(prefix));
        }

        if (filter.Unit is { } unit)
        {
            query = query.Where(x => x.Unit == unit);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(x => x.Kind == kind);
        }

        if (filter.External is { } external)
        {
            query = query.Where(x => x.IsExternal == external);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(x => x.Status == status);
        }

        if (filter.Expertise is { } expertise)
        {
            query = query.Where(x => x.Expertise.Contains(expertise));
        }

        if (filter.Qualification is { } qualification)
        {
            query = query.Where(x => x.Qualifications.Contains(qualification));
        }

        return await query.ToStoredJsonPageAsync(
            filter.Paging(), ById, filter.Jurisdiction, filter.Unit, filter.Kind, filter.External, filter.Status, filter.Expertise,
            filter.Qualification, filter.AsOf, filter.AsOfPosition);
    }

    /// <summary>One inspector, now or as of a past instant or ledger position.</summary>
    [WolverineGet("/api/inspectors/{id}", Name = "GetInspector")]
    public static async Task<InspectorRevision> Get(string id, string? asOf, long? asOfPosition, IQuerySession session) =>
        await session.Query<InspectorRevision>().Where(x => x.InspectorId == id).ValidAt(asOf, asOfPosition).SingleOrDefaultAsync()
        ?? throw DomainException.NotFound("id", $"名录库中没有{id}（在该时点） / inspector {id} is not in the directory at that moment");

    /// <summary>Every event of one inspector: who did what, when, at which ledger position.</summary>
    [WolverineGet("/api/inspectors/{id}/history", Name = "InspectorHistory")]
    public static Task<IReadOnlyList<HistoryEntry>> GetHistory(string id, IQuerySession session) =>
        History.ReadAsync(session, StreamKeys.Inspector(id));
}
