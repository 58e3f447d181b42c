using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Storage;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using NodaTime;

namespace FairDraw.Projections.Plans;

/// <summary>The current content and filing state of one annual plan (年度抽查计划), one document per plan, keyed by the plan id.</summary>
public sealed class PlanView : IStreamVersion
{
    /// <summary>The plan id, "{year}-{jurisdiction}-{department}".</summary>
    public string Id { get; set; } = "";

    public int Year { get; set; }

    public string Jurisdiction { get; set; } = "";

    public string Department { get; set; } = "";

    public string DepartmentName { get; set; } = "";

    public string ItemListJurisdiction { get; set; } = "";

    public string ItemListVersion { get; set; } = "";

    public PlanStatus Status { get; set; }

    /// <summary>The version of the stream this document reflects (what a writer expects when it appends).</summary>
    public long StreamVersion { get; set; }

    public SamplingTaskSpec[] Tasks { get; set; } = [];

    public PlanBasis Basis { get; set; } = new(0, 0, 0, 0, []);

    public string DraftedBy { get; set; } = "";

    public Instant DraftedAt { get; set; }

    public PlanFiling[] Filings { get; set; } = [];

    public PlanAdjustment[] Adjustments { get; set; } = [];

    public static PlanView From(Plan state, long streamVersion) => new()
    {
        Id = state.Id.ToString(),
        Year = state.Id.Year,
        Jurisdiction = state.Id.Jurisdiction.Value,
        Department = state.Id.Department,
        DepartmentName = state.DepartmentName,
        ItemListJurisdiction = state.ItemList.Jurisdiction.Value,
        ItemListVersion = state.ItemList.Version,
        Status = state.Status,
        StreamVersion = streamVersion,
        Tasks = [.. state.Tasks],
        Basis = state.Basis,
        DraftedBy = state.DraftedBy,
        DraftedAt = state.DraftedAt,
        Filings = [.. state.Filings],
        Adjustments = [.. state.Adjustments],
    };

    public Plan ToState() => new(
        new PlanId(Year, DivisionCode.Parse(Jurisdiction), Department),
        DepartmentName,
        new ItemListId(DivisionCode.Parse(ItemListJurisdiction), ItemListVersion),
        Tasks,
        Basis,
        Status,
        DraftedBy,
        DraftedAt,
        Filings,
        Adjustments);
}

/// <summary>
/// Keeps <see cref="PlanView"/> current by folding each plan stream's new events onto its document with the domain's
/// own <see cref="Plan.Evolve"/>. Deterministic: everything comes from the events.
/// </summary>
public sealed class PlanViewProjection : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var streams = events
            .Where(e => e.StreamKey is not null && e.StreamKey.StartsWith(StreamKeys.PlanPrefix, StringComparison.Ordinal))
            .GroupBy(e => e.StreamKey![StreamKeys.PlanPrefix.Length..])
            .ToList();
        if (streams.Count == 0)
        {
            return;
        }

        var current = (await operations.LoadManyAsync<PlanView>(cancellation, [.. streams.Select(s => s.Key)])).ToDictionary(v => v.Id);
        foreach (var stream in streams)
        {
            var view = current.GetValueOrDefault(stream.Key);
            if (!ConcurrentAppends.Overtaken(view?.StreamVersion, stream))
            {
                operations.Store(Project(view, stream));
            }
        }
    }

    private static PlanView Project(PlanView? current, IEnumerable<IEvent> streamEvents)
    {
        var state = current?.ToState();
        var version = current?.StreamVersion ?? 0;
        foreach (var e in streamEvents.OrderBy(e => e.Version))
        {
            state = Plan.Evolve(state, e.Data);
            version = e.Version;
        }

        return PlanView.From(state ?? throw new InvalidOperationException("a plan stream without events"), version);
    }
}
