using FairDraw.Ledger.Access;
using FairDraw.Ledger.Items;
using NodaTime;

namespace FairDraw.Ledger.Plans;

/// <summary>One filing of a plan (备案) and, once given, its acknowledgement.</summary>
public sealed record PlanFiling(int Filing, string FiledBy, Instant FiledAt, DivisionCode? Office, string? AcknowledgedBy, Instant? AcknowledgedAt);

/// <summary>One adjustment of a filed plan, with its reason.</summary>
public sealed record PlanAdjustment(int Adjustment, string Reason, string AdjustedBy, Instant AdjustedAt);

/// <summary>The state of one annual plan, folded from its stream.</summary>
public sealed record Plan(
    PlanId Id,
    string DepartmentName,
    ItemListId ItemList,
    IReadOnlyList<SamplingTaskSpec> Tasks,
    PlanBasis Basis,
    PlanStatus Status,
    string DraftedBy,
    Instant DraftedAt,
    IReadOnlyList<PlanFiling> Filings,
    IReadOnlyList<PlanAdjustment> Adjustments)
{
    /// <summary>Filed, and not adjusted since the last filing: the state a task is drawn under.</summary>
    public bool IsFiled => Status is PlanStatus.Filed or PlanStatus.Acknowledged;

    /// <summary>The task with <paramref name="code"/>, or null.</summary>
    public PlannedTask? Task(string code) => Tasks.FirstOrDefault(task => task.Code == code) is { } spec ? Planned(spec) : null;

    private PlannedTask Planned(SamplingTaskSpec spec) => new(
        Id.TaskId(spec.Code),
        Id.ToString(),
        Id.Jurisdiction,
        Id.Year,
        IsFiled,
        spec,
        Basis.Tasks.Single(task => task.Code == spec.Code).ItemObjectTypes);

    public static Plan Create(PlanDrafted e) => new(
        new PlanId(e.Year, e.Jurisdiction, e.Department),
        e.DepartmentName,
        new ItemListId(e.ItemListJurisdiction, e.ItemListVersion),
        e.Tasks,
        e.Basis,
        PlanStatus.Draft,
        e.DraftedBy,
        e.DraftedAt,
        [],
        []);

    public Plan Apply(PlanRevised e) => this with
    {
        DepartmentName = e.DepartmentName,
        ItemList = new ItemListId(e.ItemListJurisdiction, e.ItemListVersion),
        Tasks = e.Tasks,
        Basis = e.Basis,
    };

    public Plan Apply(PlanFiled e) => this with
    {
        Status = PlanStatus.Filed,
        Filings = [.. Filings, new PlanFiling(e.Filing, e.FiledBy, e.FiledAt, null, null, null)],
    };

    public Plan Apply(PlanFilingAcknowledged e) => this with
    {
        Status = PlanStatus.Acknowledged,
        Filings = [.. Filings.Select(f => f.Filing == e.Filing ? f with { Office = e.Office, AcknowledgedBy = e.AcknowledgedBy, AcknowledgedAt = e.AcknowledgedAt } : f)],
    };

    public Plan Apply(PlanAdjusted e) => this with
    {
        DepartmentName = e.DepartmentName,
        ItemList = new ItemListId(e.ItemListJurisdiction, e.ItemListVersion),
        Tasks = e.Tasks,
        Basis = e.Basis,
        Status = PlanStatus.Adjusted,
        Adjustments = [.. Adjustments, new PlanAdjustment(e.Adjustment, e.Reason, e.AdjustedBy, e.AdjustedAt)],
    };

    /// <summary>Folds any plan event onto a state (null before the draft).</summary>
    public static Plan Evolve(Plan? state, object @event) => (state, @event) switch
    {
        (null, PlanDrafted e) => Create(e),
        (not null, PlanRevised e) => state.Apply(e),
        (not null, PlanFiled e) => state.Apply(e),
        (not null, PlanFilingAcknowledged e) => state.Apply(e),
        (not null, PlanAdjusted e) => state.Apply(e),
        _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot apply to plan state {(state is null ? "before the draft" : state.Id.ToString())}"),
    };
}
