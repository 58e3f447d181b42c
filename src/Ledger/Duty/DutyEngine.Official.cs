using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Results;

namespace FairDraw.Ledger.Duty;

public static partial class DutyEngine
{
    /// <summary>
    /// An official's steps (events in scope they wrote or countersigned) and the steps that fell to them and are missing or
    /// late: results of objects assigned to them (clause 5's findings), and results they approved (clause 6's findings).
    /// </summary>
    private static (IReadOnlyList<DutyStep> Performed, IReadOnlyList<DutyFinding> Missing) Official(
        DutyLedger ledger, string official, IReadOnlyList<DutyClause> clauses)
    {
        var performed = ledger.All
            .Where(e => e.Actor == official || ApproverOf(e.Data) == official)
            .Select(e => new DutyStep(e.Sequence, e.Type, e.Actor == official ? "actor" : "approver"))
            .ToList();
        var books = ledger.Tasks.Values.Where(task => task.NewestExecuted is not null)
            .ToDictionary(task => task.TaskId, task => AssignmentBook.Of(task.NewestExecuted!), StringComparer.Ordinal);
        var assigned = clauses[4].Findings.Where(finding => finding.Subject.Split(':') is [var taskId, var entityId, _]
            && books.TryGetValue(taskId, out var book) && book.InspectorsOf(entityId).Contains(official));
        var approved = clauses[5].Findings.Where(finding =>
            ledger.Results.TryGetValue("result:" + finding.Subject, out var result) && result.State.Approval?.ApprovedBy == official);
        return (performed, [.. assigned, .. approved]);
    }

    private static string? ApproverOf(object data) => data switch
    {
        DrawAdjustment adjustment => adjustment.Match(s => s.ApprovedBy, r => r.ApprovedBy),
        RoundSetAside aside => aside.ApprovedBy,
        InspectionResultApproved approved => approved.ApprovedBy,
        _ => null,
    };
}
