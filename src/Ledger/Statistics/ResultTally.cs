using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Results;

namespace FairDraw.Ledger.Statistics;

// What the result statistics keep of each stream they count (docs/architecture.md, "Result statistics"): folded from
// the events alone, so the projection that keeps them current and a replay up to a past moment fold the same values.

/// <summary>
/// A task's current draw round as the statistics count it: the task's spec (its items and departments), and once the
/// round is executed and not set aside, the objects in its sample (substitutions applied).
/// </summary>
public sealed record DrawnObjects(
    string TaskId,
    int Year,
    string Jurisdiction,
    string PlanId,
    SamplingTaskSpec Task,
    int Round,
    bool Executed,
    IReadOnlyList<string> Sample)
{
    public static DrawnObjects? Evolve(DrawnObjects? state, object data) => data switch
    {
        PoolFrozen frozen => new DrawnObjects(
            frozen.TaskId, frozen.Year, frozen.Jurisdiction.Value, frozen.PlanId, frozen.Task, frozen.Round, false, []),
        DrawExecuted executed when executed.Round == state?.Round =>
            state with { Executed = true, Sample = [.. executed.Selected.Select(entity => entity.EntityId)] },
        EntitySubstituted substituted when substituted.Round == state?.Round =>
            state with
            {
                Sample = [.. state.Sample.Select(id => id == substituted.ReplacedId ? substituted.ReplacementId : id)],
            },
        RoundSetAside setAside when setAside.Round == state?.Round => state with { Executed = false, Sample = [] },
        _ => state,
    };
}

/// <summary>
/// One result as the statistics count it: its round, whether its inspection was overdue, where it stands and whether
/// its publication was late. Its status follows <see cref="InspectionResult.Status"/> (a test holds them equal).
/// </summary>
public sealed record ResultMark(
    string TaskId, string EntityId, string ItemCode, int Round, bool Overdue, ResultStatus Status, bool Late)
{
    public bool IsApproved =>
        Status is ResultStatus.Approved or ResultStatus.Published or ResultStatus.ExemptionFiled or ResultStatus.Exempted;

    public static ResultMark? Evolve(ResultMark? state, object data) => data switch
    {
        InspectionResultRecorded recorded => new ResultMark(
            recorded.TaskId, recorded.EntityId, recorded.ItemCode, recorded.Round, recorded.Overdue, ResultStatus.Recorded, false),
        _ when state is null => null,
        InspectionResultCorrected corrected =>
            state with { Round = corrected.Round, Overdue = corrected.Overdue, Status = ResultStatus.Corrected },
        InspectionResultReturned => state with { Status = ResultStatus.Returned },
        InspectionResultApproved or PublicationExemptionDeclined => state with { Status = ResultStatus.Approved },
        InspectionResultPublished published => state with { Status = ResultStatus.Published, Late = published.Late },
        PublicationExemptionFiled => state with { Status = ResultStatus.ExemptionFiled },
        PublicationExemptionAcknowledged => state with { Status = ResultStatus.Exempted },
        _ => state,
    };
}
