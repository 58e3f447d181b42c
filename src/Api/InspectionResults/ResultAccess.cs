using FairDraw.Api.Draws;
using FairDraw.Api.Plans;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Results;
using Marten;

namespace FairDraw.Api.InspectionResults;

/// <summary>Whether a token holder reads one result before publication (<see cref="ResultReading"/>), for what it references.</summary>
public static class ResultAccess
{
    /// <summary>
    /// Whether <paramref name="actor"/> reads <paramref name="result"/>: a reader of its task who sees it, an inspector only
    /// where assigned now or named on it (the receipts of its events and its attachments follow this).
    /// </summary>
    public static async Task<bool> MayReadAsync(IQuerySession session, Actor actor, InspectionResult result)
    {
        var task = await PlanReads.PlannedTaskAsync(session, result.Recorded.TaskId);
        var round = (await TaskDraws.LoadAsync(session, task.TaskId)).State?.Current;
        var assigned = round is null ? [] : AssignmentBook.Of(round).InspectorsOf(result.Recorded.EntityId);
        return ResultReading.MayRead(task, actor, result, assigned);
    }
}
