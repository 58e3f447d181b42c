using FairDraw.Ledger.Access;
using FairDraw.Ledger.Plans;
using NodaTime;

namespace FairDraw.Ledger.Results;

/// <summary>
/// Exemption from publication (不予公示, seed §二.七): the official of the result's department who would publish it files
/// it on a lawful ground with a reason; the credit office covering the task's jurisdiction acknowledges the filing (the
/// result is exempt: handled, never public, closed) or declines it (the result is approved again, to be published).
/// </summary>
public static class ResultExemptions
{
    public const int ReasonLength = 500;

    /// <summary>A command to file an exemption: <c>Ground</c> by English name or Chinese label.</summary>
    public static IReadOnlyList<object> File(
        PlannedTask task, string department, InspectionResult? existing, string entityId, string itemCode, FileExemption command,
        Actor actor, Instant now)
    {
        ResultApprovals.RequireOfficial(task, department, actor, "申请不予公示 / file an exemption from publication");
        var result = ResultDecisions.Recorded(existing, entityId, itemCode);
        if (result.Status != ResultStatus.Approved)
        {
            throw Conflict(result, entityId, itemCode);
        }

        var ground = Text.Enum(command.Ground, "ground", ResultOutcomes.ExemptionGrounds);
        var reason = Text.Required(command.Reason, "reason", ReasonLength, multiline: true);
        return [new PublicationExemptionFiled(task.TaskId, entityId, itemCode, ground, reason, actor.Id, now)];
    }

    /// <summary>The credit office acknowledges the filed exemption: the result is exempt.</summary>
    public static IReadOnlyList<object> Acknowledge(
        PlannedTask task, InspectionResult? existing, string entityId, string itemCode, Actor actor, Instant now)
    {
        Filed(task, existing, entityId, itemCode, actor, "确认不予公示 / acknowledge an exemption from publication");
        return [new PublicationExemptionAcknowledged(task.TaskId, entityId, itemCode, actor.Id, now)];
    }

    /// <summary>The credit office declines the filed exemption with a reason: the result must be published.</summary>
    public static IReadOnlyList<object> Decline(
        PlannedTask task, InspectionResult? existing, string entityId, string itemCode, DeclineExemption command, Actor actor,
        Instant now)
    {
        Filed(task, existing, entityId, itemCode, actor, "驳回不予公示 / decline an exemption from publication");
        var reason = Text.Required(command.Reason, "reason", ReasonLength, multiline: true);
        return [new PublicationExemptionDeclined(task.TaskId, entityId, itemCode, reason, actor.Id, now)];
    }

    /// <summary>
    /// The 409 of a step on a result past approval: published, filed for exemption or exempt, each said as it is; any
    /// other status is "not approved".
    /// </summary>
    public static DomainException Conflict(InspectionResult result, string entityId, string itemCode) => DomainException.Conflict(
        "itemCode", result.Status switch
        {
            ResultStatus.Published => $"对象{entityId}的事项{itemCode}的结果已公示 / the result of item {itemCode} at {entityId} is already published",
            ResultStatus.ExemptionFiled => $"对象{entityId}的事项{itemCode}的结果已申请不予公示，待信用监管部门确认 / the result of item {itemCode} at {entityId} is filed for exemption from publication and awaits the credit office",
            ResultStatus.Exempted => $"对象{entityId}的事项{itemCode}的结果已确认不予公示 / the result of item {itemCode} at {entityId} is exempt from publication",
            _ => $"对象{entityId}的事项{itemCode}的结果未审批 / the result of item {itemCode} at {entityId} is not approved",
        });

    private static void Filed(PlannedTask task, InspectionResult? existing, string entityId, string itemCode, Actor actor, string action)
    {
        actor.RequireRole(action, Role.CreditOffice);
        actor.RequireJurisdiction(task.Jurisdiction);
        var result = ResultDecisions.Recorded(existing, entityId, itemCode);
        if (result.Status != ResultStatus.ExemptionFiled)
        {
            throw result.Status == ResultStatus.Approved
                ? DomainException.Conflict("itemCode", $"对象{entityId}的事项{itemCode}的结果未申请不予公示 / the result of item {itemCode} at {entityId} is not filed for exemption")
                : Conflict(result, entityId, itemCode);
        }
    }
}
