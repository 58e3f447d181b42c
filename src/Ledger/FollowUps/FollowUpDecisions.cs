using FairDraw.Ledger.Access;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Results;
using NodaTime;

namespace FairDraw.Ledger.FollowUps;

/// <summary>
/// Follow-ups (后续处置, seed §二.八): the business division or district bureau covering the task, as for approval, opens
/// one follow-up per kind for an approved result whose outcome calls for that kind (<see cref="FollowUpKinds.For"/>),
/// hands over those that pass to another party, and closes each with its outcome. Every date lies between the
/// inspection (or the step before) and today in Beijing.
/// </summary>
public static class FollowUpDecisions
{
    public const int DetailsLength = 2000;
    public const int PartyLength = 200;
    public const int ReferenceLength = 100;

    /// <summary>A kind as the route or body names it (English name or Chinese label).</summary>
    public static FollowUpKind Kind(string? kind) => Text.Enum(kind, "kind", FollowUpKinds.Labels);

    public static IReadOnlyList<object> Open(
        PlannedTask task, string department, InspectionResult? result, FollowUp? existing, OpenFollowUp command, Actor actor, Instant now)
    {
        var handled = Handled(task, department, result, actor, "登记后续处置 / open follow-ups");
        var kind = Kind(command.Kind);
        var (entityId, itemCode) = (handled.Recorded.EntityId, handled.Recorded.ItemCode);
        if (!FollowUpKinds.For(handled.Content).Contains(kind))
        {
            throw DomainException.Conflict(
                "kind", $"结果“{ResultOutcomes.Outcomes[handled.Content.Outcome]}”不需要“{FollowUpKinds.Labels[kind]}” / a result of {handled.Content.Outcome} calls for no {kind}");
        }

        if (existing is not null)
        {
            throw DomainException.Conflict("kind", $"对象{entityId}的事项{itemCode}已有“{FollowUpKinds.Labels[kind]}” / the result already has a {kind} follow-up");
        }

        string? authority = kind == FollowUpKind.TransferToAuthority
            ? Text.Required(command.Authority, "authority", PartyLength)
            : string.IsNullOrWhiteSpace(command.Authority) ? null
            : throw DomainException.Invalid("authority", $"只有“{FollowUpKinds.Labels[FollowUpKind.TransferToAuthority]}”指明其他部门 / only {FollowUpKind.TransferToAuthority} names an authority");
        var details = Text.Required(command.Details, "details", DetailsLength, multiline: true);
        var openedOn = DateBetween(command.OpenedOn, "openedOn", handled.Content.InspectionDate, now);
        return [new FollowUpOpened(
            FollowUpKinds.Id(task.TaskId, entityId, itemCode, kind), task.TaskId, entityId, itemCode, kind, authority, details, openedOn,
            actor.Id, now)];
    }

    public static IReadOnlyList<object> HandOver(
        PlannedTask task, string department, InspectionResult? result, FollowUp? existing, HandOverFollowUp command, Actor actor, Instant now)
    {
        var followUp = Unclosed(task, department, result, existing, actor, "移交后续处置 / hand over follow-ups");
        var kind = followUp.Opened.Kind;
        if (!FollowUpKinds.HandsOver(kind))
        {
            throw DomainException.Conflict("kind", $"“{FollowUpKinds.Labels[kind]}”无需移交 / a {kind} follow-up is not handed over");
        }

        var party = Text.Required(command.ReceivingParty, "receivingParty", PartyLength);
        var reference = Text.Optional(command.Reference, "reference", ReferenceLength);
        var on = DateBetween(command.HandedOverOn, "handedOverOn", LastStep(followUp), now);
        return [new FollowUpHandedOver(
            followUp.Opened.FollowUpId, party, reference.Length == 0 ? null : reference, on, actor.Id, now)];
    }

    public static IReadOnlyList<object> Close(
        PlannedTask task, string department, InspectionResult? result, FollowUp? existing, CloseFollowUp command, Actor actor, Instant now)
    {
        var followUp = Unclosed(task, department, result, existing, actor, "办结后续处置 / close follow-ups");
        if (FollowUpKinds.HandsOver(followUp.Opened.Kind) && followUp.HandOvers.Count == 0)
        {
            throw DomainException.Conflict(
                "kind", $"“{FollowUpKinds.Labels[followUp.Opened.Kind]}”须先移交再办结 / a {followUp.Opened.Kind} follow-up is handed over before it closes");
        }

        var outcome = Text.Required(command.Outcome, "outcome", DetailsLength, multiline: true);
        var on = DateBetween(command.ClosedOn, "closedOn", LastStep(followUp), now);
        return [new FollowUpClosed(followUp.Opened.FollowUpId, outcome, on, actor.Id, now)];
    }

    /// <summary>
    /// The result, once <paramref name="actor"/> is an official of the result's department (as for approval) and the result is approved
    /// (published, filed for exemption or exempted alike): only an approved finding is acted on.
    /// </summary>
    private static InspectionResult Handled(PlannedTask task, string department, InspectionResult? result, Actor actor, string action)
    {
        ResultApprovals.RequireOfficial(task, department, actor, action);
        var found = result ?? throw DomainException.NotFound("itemCode", "该对象的该事项尚无检查结果 / no result of this item at this object is recorded");
        return found.Approval is not null
            ? found
            : throw DomainException.Conflict(
                "itemCode", $"对象{found.Recorded.EntityId}的事项{found.Recorded.ItemCode}的结果未审批 / the result of item {found.Recorded.ItemCode} at {found.Recorded.EntityId} is not approved");
    }

    private static FollowUp Unclosed(
        PlannedTask task, string department, InspectionResult? result, FollowUp? existing, Actor actor, string action)
    {
        Handled(task, department, result, actor, action);
        var followUp = existing ?? throw DomainException.NotFound("kind", "该结果没有这一后续处置 / the result has no follow-up of this kind");
        return followUp.IsOpen
            ? followUp
            : throw DomainException.Conflict("kind", $"后续处置{followUp.Opened.FollowUpId}已办结 / follow-up {followUp.Opened.FollowUpId} is closed");
    }

    private static LocalDate LastStep(FollowUp followUp) =>
        followUp.HandOvers.Count == 0 ? followUp.Opened.OpenedOn : followUp.HandOvers[^1].HandedOverOn;

    /// <summary>A date not before the step it follows (the inspection, the opening, the last hand-over) nor after today.</summary>
    private static LocalDate DateBetween(string? text, string field, LocalDate earliest, Instant now)
    {
        var date = Text.IsoDate(text, field);
        var today = BeijingTime.DateOf(now);
        return date >= earliest && date <= today
            ? date
            : throw DomainException.Invalid(
                field, $"{field}应在{earliest:yyyy-MM-dd}（上一步）至今天{today:yyyy-MM-dd}之间 / {field} must lie between the step before, {earliest:yyyy-MM-dd}, and today, {today:yyyy-MM-dd}");
    }
}
