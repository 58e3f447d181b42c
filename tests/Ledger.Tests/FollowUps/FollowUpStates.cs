using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Results;
using FairDraw.Ledger.Tests.Draws;
using NodaTime;
using static FairDraw.Ledger.Tests.Results.RecordingResultTests;

namespace FairDraw.Ledger.Tests.FollowUps;

/// <summary>Results of the workflow's draw inspected on 2021-05-31 with a chosen outcome, and the follow-ups decided on them.</summary>
internal static class FollowUpStates
{
    /// <summary>Beijing 2021-06-10 10:00: "today" for the follow-ups' dates.</summary>
    public static readonly Instant Now = Instant.FromUtc(2021, 6, 10, 2, 0);

    public static readonly LocalDate Inspected = new(2021, 5, 31);

    public static readonly Actor Registrar = new("registrar-1", Role.Registrar, DrawWorkflow.Guiyang);

    /// <summary>The task, the entity and its result with <paramref name="outcome"/>, approved unless told otherwise.</summary>
    public static (DrawWorkflow Draw, string Entity, InspectionResult Result) Result(
        ResultOutcome outcome, FollowUpReason? subReason = null, bool approved = true)
    {
        var (draw, entity, inspectors) = Drawn();
        var recorded = (InspectionResultRecorded)Record(draw, entity, inspectors, "2021-05-31", Now).Single();
        var state = InspectionResult.Evolve(null, recorded with { Content = recorded.Content with { Outcome = outcome, SubReason = subReason } })!;
        return approved
            ? (draw, entity, InspectionResult.Evolve(state, ResultApprovals.Approve(draw.Task, DrawWorkflow.LeadDepartment, state, entity, "01-01", DrawWorkflow.Division, Now).Single())!)
            : (draw, entity, state);
    }

    public static FollowUp? Fold(FollowUp? state, IReadOnlyList<object> events) => events.Aggregate(state, FollowUp.Evolve);

    /// <summary>The entity as the directory has it: registered in Guiyang, existing.</summary>
    public static MarketEntity Entity(string uscc, EntityStatus status = EntityStatus.Existing) => MarketEntity.Create(new EntityRegistered(
        uscc, "示例商贸有限公司", EntityType.Enterprise, DrawWorkflow.Guiyang, "贵阳市市场监督管理局", "示例路1号", "F5211", RiskClass.B, [],
        status, "registrar-1", Now));
}
