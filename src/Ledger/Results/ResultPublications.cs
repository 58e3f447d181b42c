using FairDraw.Ledger.Access;
using FairDraw.Ledger.Calendar;
using FairDraw.Ledger.Plans;
using NodaTime;

namespace FairDraw.Ledger.Results;

/// <summary>
/// Publishing results (公示, seed §二.七): an official of the result's department, as for approval
/// (<see cref="ResultApprovals.RequireOfficial"/>), publishes an approved result once; the deadline is 20 working days
/// after the inspection date on the official calendar, and a later publication is recorded as late by its working days.
/// A result filed for exemption or exempt is not published (<see cref="ResultExemptions"/>); one whose exemption was declined is.
/// </summary>
public static class ResultPublications
{
    /// <summary>The field a refusal for a year without calendar data names: the date the count starts from.</summary>
    public const string DeadlineField = "result.inspectionDate";

    public static IReadOnlyList<object> Publish(
        PlannedTask task, string department, InspectionResult? existing, string entityId, string itemCode, Actor actor,
        Instant now)
    {
        ResultApprovals.RequireOfficial(task, department, actor, "公示检查结果 / publish inspection results");
        var result = ResultDecisions.Recorded(existing, entityId, itemCode);
        if (result.Status != ResultStatus.Approved)
        {
            throw ResultExemptions.Conflict(result, entityId, itemCode);
        }

        var inspected = result.Content.InspectionDate;
        var deadline = WorkingDays.Add(inspected, WorkingDays.PublicationPeriod, DeadlineField);
        var publishedOn = BeijingTime.DateOf(now);
        // Late is any day after the deadline; a weekend or holiday just after it is late by 0 working days.
        var late = publishedOn > deadline;
        var over = late ? WorkingDays.Between(deadline, publishedOn, DeadlineField) : 0;
        return [new InspectionResultPublished(
            task.TaskId, entityId, itemCode, inspected, deadline, publishedOn, late, over, actor.Id, now)];
    }
}
