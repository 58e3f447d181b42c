using FairDraw.Ledger.Calendar;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Results;
using NodaTime;

namespace FairDraw.Ledger.Duty;

public static partial class DutyEngine
{
    /// <summary>A DUTY-v2 parameter: a follow-up is due to be closed within this many calendar days of its opening.</summary>
    public const int FollowUpDays = 90;

    /// <summary>Clause 5: every object of every filed task's sample inspected for each item by the task's end.</summary>
    private static DutyClause Inspected(DutyLedger ledger, DutyTiming timing)
    {
        var clause = new DutyClauseBuilder(5, "inspected");
        foreach (var (taskId, spec) in ledger.FiledTasks)
        {
            if (!ledger.Tasks.TryGetValue(taskId, out var task) || task.NewestExecuted is null)
            {
                clause.Check([]);
                clause.Find(timing.NothingBy(DutyTiming.EndOf(spec.End)), "not-drawn", taskId, ledger.Tasks.GetValueOrDefault(taskId)?.Events ?? [],
                    $"任务{taskId}在结束日{DutyTiming.Text(spec.End)}前未抽取检查对象 / task {taskId} drew no objects before its end {DutyTiming.Text(spec.End)}");
            }
        }

        foreach (var (_, round, entityId, itemCode, stream) in ledger.ExpectedResults())
        {
            var end = round.Pool.Task.End;
            var subject = stream["result:".Length..];
            if (!ledger.Results.TryGetValue(stream, out var result))
            {
                clause.Check([]);
                clause.Find(timing.NothingBy(DutyTiming.EndOf(end)), "not-inspected", subject, [],
                    $"{entityId}的事项{itemCode}在{DutyTiming.Text(end)}前无检查结果 / no result for {entityId}, item {itemCode}, by {DutyTiming.Text(end)}");
                continue;
            }

            clause.Check(result.Events);
            var recorded = result.Events[0];
            if (result.State.Content.InspectionDate > end)
            {
                clause.Find(DutyVerdict.NotFulfilled, "inspected-late", subject, result.Events,
                    $"检查日期{DutyTiming.Text(result.State.Content.InspectionDate)}晚于任务结束日{DutyTiming.Text(end)} / inspected on {DutyTiming.Text(result.State.Content.InspectionDate)}, after the task's end {DutyTiming.Text(end)}");
                continue;
            }

            if (Deadline(end) is not { } credible)
            {
                clause.Find(DutyVerdict.Undetermined, "no-calendar", subject, [recorded], NoCalendar(end));
                continue;
            }

            var judged = timing.Judge(recorded, credible);
            clause.Find(DutyTiming.VerdictOf(judged), judged == Timing.Late ? "recorded-too-late" : "recording-time-undetermined", subject, [recorded],
                $"结果应于{DutyTiming.Format(credible)}之前录入，所称检查日期方可采信 / the result is due to be recorded before {DutyTiming.Format(credible)} for its inspection date to be credible");
        }

        return clause.Build();
    }

    /// <summary>Clause 6: every recorded result published, or exempted with an acknowledged filing, within 20 working days.</summary>
    private static DutyClause PublishedInTime(DutyLedger ledger, DutyTiming timing)
    {
        var clause = new DutyClauseBuilder(6, "published");
        foreach (var (stream, result) in RecordedResults(ledger))
        {
            var subject = stream["result:".Length..];
            var inspected = result.State.Content.InspectionDate;
            clause.Check(result.Events);
            if (Deadline(inspected) is not { } deadline)
            {
                clause.Find(DutyVerdict.Undetermined, "no-calendar", subject, result.Events, NoCalendar(inspected));
                continue;
            }

            var due = $"应于{DutyTiming.Format(deadline)}之前公示 / due to be published before {DutyTiming.Format(deadline)}";
            if (result.State.Publication is not null)
            {
                var published = result.Events.Last(e => e.Data is InspectionResultPublished);
                var judged = timing.Judge(published, deadline);
                clause.Find(DutyTiming.VerdictOf(judged), judged == Timing.Late ? "published-late" : "publication-time-undetermined", subject, [published], due);
            }
            else if (result.State.Exemption is not null)
            {
                var filed = result.Events.Last(e => e.Data is PublicationExemptionFiled);
                var judged = timing.Judge(filed, deadline);
                var verdict = judged == Timing.InTime && result.State.ExemptionAcknowledgement is null ? DutyVerdict.Pending : DutyTiming.VerdictOf(judged);
                clause.Find(verdict, judged switch { Timing.Late => "exemption-late", Timing.InTime => "exemption-not-acknowledged", _ => "exemption-time-undetermined" },
                    subject, [filed], "不予公示应在期限内申报并经确认 / an exemption is due to be filed by the deadline and acknowledged: " + due);
            }
            else
            {
                clause.Find(timing.NothingBy(deadline), "not-published", subject, result.Events, "尚未公示 / not published: " + due);
            }
        }

        return clause.Build();
    }

    /// <summary>Clause 7: every follow-up an approved result calls for opened, handed over where its kind needs, and closed in time.</summary>
    private static DutyClause FollowedUp(DutyLedger ledger, DutyTiming timing)
    {
        var clause = new DutyClauseBuilder(7, "follow-ups");
        foreach (var (_, result) in RecordedResults(ledger).Where(x => x.Result.State.Approval is not null))
        {
            var recorded = result.State.Recorded;
            foreach (var kind in FollowUpKinds.For(result.State.Content))
            {
                var id = FollowUpKinds.Id(recorded.TaskId, recorded.EntityId, recorded.ItemCode, kind);
                if (!ledger.FollowUps.TryGetValue(StreamKeys.FollowUp(id), out var followUp))
                {
                    clause.Check(result.Events);
                    var verdict = Deadline(result.State.Content.InspectionDate) is { } deadline ? timing.NothingBy(deadline) : DutyVerdict.Undetermined;
                    clause.Find(verdict, "not-opened", id, result.Events.Where(e => e.Data is InspectionResultApproved),
                        $"结果要求的后续处置“{FollowUpKinds.Labels[kind]}”未启动 / the {kind} follow-up the result calls for was not opened");
                    continue;
                }

                clause.Check(followUp.Events);
                if (followUp.State.Closure is not null && FollowUpKinds.HandsOver(kind) && followUp.State.HandOvers.Count == 0)
                {
                    clause.Find(DutyVerdict.NotFulfilled, "closed-without-hand-over", id, followUp.Events,
                        $"“{FollowUpKinds.Labels[kind]}”未移交即办结 / closed without being handed over");
                }
                else if (followUp.State.Closure is null)
                {
                    var limit = followUp.State.Opened.OpenedOn.PlusDays(FollowUpDays);
                    clause.Find(timing.NothingBy(DutyTiming.EndOf(limit)), "not-closed", id, followUp.Events,
                        $"后续处置应于{DutyTiming.Text(limit)}前办结 / the follow-up is due to be closed by {DutyTiming.Text(limit)}");
                }
            }
        }

        return clause.Build();
    }

    private static IEnumerable<(string Stream, DutyStream<InspectionResult> Result)> RecordedResults(DutyLedger ledger) =>
        ledger.ExpectedResults().Where(expected => ledger.Results.ContainsKey(expected.Stream))
            .Select(expected => (expected.Stream, ledger.Results[expected.Stream]));

    /// <summary>The end of the 20th working day after <paramref name="date"/>; null when the calendar lacks a year it needs.</summary>
    private static Instant? Deadline(LocalDate date)
    {
        try
        {
            return DutyTiming.EndOf(WorkingDays.Add(date, WorkingDays.PublicationPeriod));
        }
        catch (DomainException)
        {
            return null;
        }
    }

    private static string NoCalendar(LocalDate date) =>
        $"工作日历不含{DutyTiming.Text(date)}之后的年份 / the working-day calendar lacks a year after {DutyTiming.Text(date)}";
}
