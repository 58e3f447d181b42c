using FairDraw.Ledger.Access;
using FairDraw.Ledger.Plans;
using NodaTime;

namespace FairDraw.Ledger.Results;

/// <summary>
/// Approving results (审批, seed §二.六.3): an official of the result's department (<see cref="RequireOfficial"/>), none
/// of the result's inspectors or its recorder, approves a result awaiting approval or returns it with a reason for an
/// assigned inspector to correct.
/// </summary>
public static class ResultApprovals
{
    /// <summary>The field refusals of an approver who recorded, corrected or was present on the result name.</summary>
    public const string ApproverField = "approver";

    /// <summary>Approves the result as it now stands.</summary>
    public static IReadOnlyList<object> Approve(
        PlannedTask task, string department, InspectionResult? existing, string entityId, string itemCode, Actor actor,
        Instant now)
    {
        var result = Awaiting(task, department, existing, entityId, itemCode, actor, "审批检查结果 / approve inspection results");
        return [new InspectionResultApproved(task.TaskId, entityId, itemCode, result.Corrections.Count, actor.Id, now)];
    }

    /// <summary>Returns the result to its inspectors with a reason.</summary>
    public static IReadOnlyList<object> Return(
        PlannedTask task, string department, InspectionResult? existing, string entityId, string itemCode, ReturnResult command,
        Actor actor, Instant now)
    {
        var result = Awaiting(task, department, existing, entityId, itemCode, actor, "退回检查结果 / return inspection results");
        var reason = Text.Required(command.Reason, "reason", 500, multiline: true);
        return [new InspectionResultReturned(task.TaskId, entityId, itemCode, result.Corrections.Count, reason, actor.Id, now)];
    }

    /// <summary>
    /// Fails with 409 once <paramref name="result"/> is approved (published or not): a correction would change what was
    /// approved.
    /// </summary>
    public static void RequireUnapproved(InspectionResult result)
    {
        if (result.Approval is not null)
        {
            throw DomainException.Conflict(
                "itemCode", $"对象{result.Recorded.EntityId}的事项{result.Recorded.ItemCode}的结果已审批，不能更正 / the result of item {result.Recorded.ItemCode} at {result.Recorded.EntityId} is approved: it cannot be corrected");
        }
    }

    /// <summary>
    /// The one authorisation of an official's step on a result (approve, return, publish, and any later one): a business
    /// division or district bureau covering the task's jurisdiction, as for its draws, whose token names the result's
    /// <paramref name="department"/> (<see cref="SamplingTaskSpec.DepartmentOf"/>): in a joint task the lead and each
    /// partner act on their own items only (谁检查、谁录入、谁公开, §二.九).
    /// </summary>
    public static void RequireOfficial(PlannedTask task, string department, Actor actor, string action)
    {
        actor.RequireRole(action, Role.BusinessDivision, Role.DistrictBureau);
        actor.RequireJurisdiction(task.Jurisdiction);
        actor.RequireDepartment(department);
    }

    private static InspectionResult Awaiting(
        PlannedTask task, string department, InspectionResult? existing, string entityId, string itemCode, Actor actor,
        string action)
    {
        RequireOfficial(task, department, actor, action);
        var result = ResultDecisions.Recorded(existing, entityId, itemCode);
        if (result.Involves(actor.Id))
        {
            throw new DomainException(
                DomainErrorKind.Forbidden, ApproverField, $"{actor.Id}录入或参与了该检查，不能审批 / {actor.Id} recorded or took part in this inspection and may not approve it");
        }

        return result.Status switch
        {
            ResultStatus.Approved or ResultStatus.Published or ResultStatus.ExemptionFiled or ResultStatus.Exempted => throw DomainException.Conflict(
                "itemCode", $"对象{entityId}的事项{itemCode}的结果已审批 / the result of item {itemCode} at {entityId} is already approved"),
            ResultStatus.Returned => throw DomainException.Conflict(
                "itemCode", $"对象{entityId}的事项{itemCode}的结果已退回，待检查人员更正 / the result of item {itemCode} at {entityId} is returned and awaits correction"),
            _ => result,
        };
    }
}
