using FairDraw.Ledger.Draws;

namespace FairDraw.Ledger.Duty;

public static partial class DutyEngine
{
    /// <summary>
    /// Clause 4: after every adjustment each sampled object has enough inspectors, none put on an object they declared a
    /// conflict with (as of the act that put them there), and every adjustment has a reason, evidence and another approver.
    /// </summary>
    private static DutyClause Assigned(DutyLedger ledger)
    {
        var clause = new DutyClauseBuilder(4, "assignments");
        foreach (var task in ledger.Tasks.Values.OrderBy(task => task.TaskId, StringComparer.Ordinal))
        {
            foreach (var round in task.Draw.Rounds.Where(round => round.Assignment is not null))
            {
                var events = task.RoundEvents(round.Number).ToList();
                var assigned = events.Last(e => e.Data is InspectorsAssigned);
                var book = AssignmentBook.Of(round);
                var required = Math.Max(2, round.Pool.Task.InspectorsPerEntity);
                foreach (var entityId in round.Sample())
                {
                    clause.Check([assigned]);
                    var count = book.InspectorsOf(entityId).Count;
                    if (count < required)
                    {
                        clause.Find(DutyVerdict.NotFulfilled, "too-few-inspectors", $"{task.TaskId} {entityId}", events.Where(e => Concerns(e, entityId)),
                            $"检查对象{entityId}只有{count}名检查人员，应至少{required}名 / object {entityId} has {count} inspectors, at least {required} required");
                    }
                }

                foreach (var (e, entityId, inspectorId) in Placements(round, events))
                {
                    var conflicts = e.Data is DrawAdjustment adjustment ? ConflictsOf(adjustment) : round.Pool.Conflicts;
                    if (conflicts.Any(pair => pair.EntityId == entityId && pair.InspectorId == inspectorId))
                    {
                        clause.Find(DutyVerdict.NotFulfilled, "conflict-assigned", $"{task.TaskId} {entityId}", [e],
                            $"检查人员{inspectorId}已申报与{entityId}的利益冲突却被分派 / inspector {inspectorId} was put on {entityId} despite a declared conflict");
                    }
                }

                foreach (var e in events.Where(e => e.Data is DrawAdjustment))
                {
                    var adjustment = (DrawAdjustment)e.Data;
                    var (reason, evidence, approver) = adjustment.Match(
                        s => (s.Reason, s.Evidence, s.ApprovedBy), r => (r.Reason, r.Evidence, r.ApprovedBy));
                    clause.Check([e]);
                    if (string.IsNullOrWhiteSpace(reason) || string.IsNullOrWhiteSpace(evidence) || string.IsNullOrWhiteSpace(approver)
                        || approver == e.Actor)
                    {
                        clause.Find(DutyVerdict.NotFulfilled, "adjustment-unapproved", $"{task.TaskId} round {round.Number}", [e],
                            "替换或调整缺少理由、证据或他人批准 / a substitution or reassignment lacks a reason, evidence or another person's approval");
                    }
                }
            }
        }

        return clause.Build();
    }

    private static IReadOnlyList<FrozenConflict> ConflictsOf(DrawAdjustment adjustment) =>
        adjustment.Match(s => s.Conflicts, r => r.Conflicts) ?? [];

    /// <summary>Every (event, entity, inspector) an assignment or adjustment put on an object.</summary>
    private static IEnumerable<(DutyEvent Event, string EntityId, string InspectorId)> Placements(DrawRound round, List<DutyEvent> events)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case InspectorsAssigned assigned:
                    foreach (var walk in assigned.Assignments)
                    {
                        foreach (var candidate in walk.Candidates.Where(c => c.Decision == CandidateDecision.Assigned))
                        {
                            yield return (e, walk.EntityId, candidate.InspectorId);
                        }
                    }

                    break;
                case EntitySubstituted substituted:
                    foreach (var candidate in substituted.Assignment.Candidates.Where(c => c.Decision == CandidateDecision.Assigned))
                    {
                        yield return (e, substituted.ReplacementId, candidate.InspectorId);
                    }

                    break;
                case InspectorReassigned { ReplacementInspectorId: { } replacement } reassigned:
                    yield return (e, reassigned.EntityId, replacement);
                    break;
            }
        }
    }

    private static bool Concerns(DutyEvent e, string entityId) => e.Data switch
    {
        InspectorsAssigned => true,
        EntitySubstituted substituted => substituted.ReplacementId == entityId || substituted.ReplacedId == entityId,
        InspectorReassigned reassigned => reassigned.EntityId == entityId,
        _ => false,
    };
}
