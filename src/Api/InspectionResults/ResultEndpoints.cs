using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Api.Draws;
using FairDraw.Api.Plans;
using FairDraw.Ledger;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Results;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.InspectionResults;

/// <summary>The results of a task readable by the caller: each as recorded, its corrections, returns, approval and status.</summary>
public sealed record TaskResultsRead(string TaskId, IReadOnlyList<InspectionResult> Results);

/// <summary>
/// 检查结果录入, 审批 and 公示: an assigned inspector records and corrects results, an official approves or returns them
/// and publishes the approved ones (docs/events.md, "Result stream").
/// </summary>
public static class ResultEndpoints
{
    /// <summary>Records the result of one item at one sampled object (an inspector assigned to it now).</summary>
    [WolverinePost("/api/tasks/{taskId}/results", Name = "RecordInspectionResult")]
    public static async Task<Created<InspectionResultRecorded>> Record(
        string taskId, RecordResult command, ClaimsPrincipal user, IDocumentSession session, CurrentDraws draws, IClock clock,
        AttachmentFiles files, CancellationToken cancellation)
    {
        var key = ResultDecisions.Key(command.EntityId, command.ItemCode);
        var (plan, task) = await PlanReads.PlanOfTaskAsync(session, taskId);
        var draw = await draws.LoadAsync(session, taskId);
        var item = await TaskResults.ItemAsync(session, plan, key.ItemCode);
        var existing = await TaskResults.LoadAsync(session, taskId, key.EntityId, key.ItemCode);
        var events = ResultDecisions.Record(
            task, draw.State, item, existing.State, command, user.ToActor(), clock.GetCurrentInstant(), draw.Book);
        var recorded = (InspectionResultRecorded)events.Single();
        await AttachmentEndpoints.RequireStoredAsync(files, recorded.Content, cancellation);
        await StreamAppend.AppendAsync(session, StreamKeys.Result(taskId, recorded.EntityId, recorded.ItemCode), existing, events);
        return TypedResults.Created($"/api/tasks/{taskId}/results/{recorded.EntityId}/{recorded.ItemCode}", recorded);
    }

    /// <summary>Corrects a recorded result with a reason, as a new event (an inspector assigned to the object now).</summary>
    [WolverinePost("/api/tasks/{taskId}/results/{entityId}/{itemCode}/corrections", Name = "CorrectInspectionResult")]
    public static async Task<InspectionResultCorrected> Correct(
        string taskId, string entityId, string itemCode, CorrectResult command, ClaimsPrincipal user, IDocumentSession session,
        CurrentDraws draws, IClock clock, AttachmentFiles files, CancellationToken cancellation)
    {
        (entityId, itemCode) = ResultDecisions.Key(entityId, itemCode);
        var (plan, task) = await PlanReads.PlanOfTaskAsync(session, taskId);
        var draw = await draws.LoadAsync(session, taskId);
        var item = await TaskResults.ItemAsync(session, plan, itemCode);
        var existing = await TaskResults.LoadAsync(session, taskId, entityId, itemCode);
        var events = ResultDecisions.Correct(
            task, draw.State, item, existing.State, entityId, itemCode, command, user.ToActor(), clock.GetCurrentInstant(), draw.Book);
        var corrected = (InspectionResultCorrected)events.Single();
        await AttachmentEndpoints.RequireStoredAsync(files, corrected.Content, cancellation);
        await StreamAppend.AppendAsync(session, StreamKeys.Result(taskId, entityId, itemCode), existing, events);
        return corrected;
    }

    /// <summary>Approves a result awaiting approval (审批: an official of the result's department, none of its inspectors).</summary>
    [WolverinePost("/api/tasks/{taskId}/results/{entityId}/{itemCode}/approval", Name = "ApproveInspectionResult")]
    public static Task<InspectionResultApproved> Approve(
        string taskId, string entityId, string itemCode, ClaimsPrincipal user, IDocumentSession session, IClock clock)
        => OfficialStepAsync<InspectionResultApproved>(
            session, taskId, entityId, itemCode, (task, department, existing, entity, item) =>
                ResultApprovals.Approve(task, department, existing, entity, item, user.ToActor(), clock.GetCurrentInstant()));

    /// <summary>Returns a result awaiting approval to its inspectors with a reason, as the approver would.</summary>
    [WolverinePost("/api/tasks/{taskId}/results/{entityId}/{itemCode}/return", Name = "ReturnInspectionResult")]
    public static Task<InspectionResultReturned> Return(
        string taskId, string entityId, string itemCode, ReturnResult command, ClaimsPrincipal user, IDocumentSession session,
        IClock clock)
        => OfficialStepAsync<InspectionResultReturned>(
            session, taskId, entityId, itemCode, (task, department, existing, entity, item) =>
                ResultApprovals.Return(
                    task, department, existing, entity, item, command, user.ToActor(), clock.GetCurrentInstant()));

    /// <summary>Publishes an approved result (公示: an official of its department), with its deadline and lateness.</summary>
    [WolverinePost("/api/tasks/{taskId}/results/{entityId}/{itemCode}/publication", Name = "PublishInspectionResult")]
    public static Task<InspectionResultPublished> Publish(
        string taskId, string entityId, string itemCode, ClaimsPrincipal user, IDocumentSession session, IClock clock)
        => OfficialStepAsync<InspectionResultPublished>(
            session, taskId, entityId, itemCode, (task, department, existing, entity, item) =>
                ResultPublications.Publish(task, department, existing, entity, item, user.ToActor(), clock.GetCurrentInstant()));

    /// <summary>Files an approved result for exemption from publication (不予公示: the division or bureau that would publish it).</summary>
    [WolverinePost("/api/tasks/{taskId}/results/{entityId}/{itemCode}/exemption", Name = "FilePublicationExemption")]
    public static Task<PublicationExemptionFiled> FileForExemption(
        string taskId, string entityId, string itemCode, FileExemption command, ClaimsPrincipal user, IDocumentSession session,
        IClock clock)
        => OfficialStepAsync<PublicationExemptionFiled>(session, taskId, entityId, itemCode, (task, department, existing, entity, item) =>
            ResultExemptions.File(task, department, existing, entity, item, command, user.ToActor(), clock.GetCurrentInstant()));

    /// <summary>Acknowledges a filed exemption (the credit office covering the task): the result is exempt, never public.</summary>
    [WolverinePost("/api/tasks/{taskId}/results/{entityId}/{itemCode}/exemption/acknowledgement", Name = "AcknowledgePublicationExemption")]
    public static Task<PublicationExemptionAcknowledged> AcknowledgeExemption(
        string taskId, string entityId, string itemCode, ClaimsPrincipal user, IDocumentSession session, IClock clock)
        => OfficialStepAsync<PublicationExemptionAcknowledged>(session, taskId, entityId, itemCode, (task, _, existing, entity, item) =>
            ResultExemptions.Acknowledge(task, existing, entity, item, user.ToActor(), clock.GetCurrentInstant()));

    /// <summary>Declines a filed exemption with a reason (the credit office): the result is to be published.</summary>
    [WolverinePost("/api/tasks/{taskId}/results/{entityId}/{itemCode}/exemption/decline", Name = "DeclinePublicationExemption")]
    public static Task<PublicationExemptionDeclined> DeclineFiledExemption(
        string taskId, string entityId, string itemCode, DeclineExemption command, ClaimsPrincipal user, IDocumentSession session,
        IClock clock)
        => OfficialStepAsync<PublicationExemptionDeclined>(session, taskId, entityId, itemCode, (task, _, existing, entity, item) =>
            ResultExemptions.Decline(task, existing, entity, item, command, user.ToActor(), clock.GetCurrentInstant()));

    /// <summary>
    /// An official's step on a recorded result (approve, return, publish, file an exemption): the key checked before anything is read, the
    /// task, the result's department (for <see cref="ResultApprovals.RequireOfficial"/>) and the result's stream read,
    /// and the decision's one event appended at the version read.
    /// </summary>
    private static async Task<T> OfficialStepAsync<T>(
        IDocumentSession session, string taskId, string entityId, string itemCode,
        Func<PlannedTask, string, InspectionResult?, string, string, IReadOnlyList<object>> decide)
    {
        (entityId, itemCode) = ResultDecisions.Key(entityId, itemCode);
        var (plan, task) = await PlanReads.PlanOfTaskAsync(session, taskId);
        var department = await TaskResults.DepartmentAsync(session, plan, task, itemCode);
        var existing = await TaskResults.LoadAsync(session, taskId, entityId, itemCode);
        var events = decide(task, department, existing.State, entityId, itemCode);
        await StreamAppend.AppendAsync(session, StreamKeys.Result(taskId, entityId, itemCode), existing, events);
        return (T)events.Single();
    }

    /// <summary>The task's results the caller may read, in every state (the public sees published ones: PublicResults).</summary>
    [WolverineGet("/api/tasks/{taskId}/results", Name = "ListInspectionResults")]
    public static async Task<TaskResultsRead> List(
        string taskId, ClaimsPrincipal user, IQuerySession session, CurrentDraws draws, CancellationToken cancellation)
    {
        var task = await PlanReads.PlannedTaskAsync(session, taskId);
        var actor = user.ToActor();
        ResultReading.RequireReader(task, actor);
        var round = (await draws.LoadAsync(session, taskId, cancellation)).State?.Current;
        var book = round is null ? null : AssignmentBook.Of(round);
        var results = await TaskResults.AllAsync(session, taskId, cancellation);
        return new TaskResultsRead(
            taskId, [.. results.Where(result => ResultReading.Shows(actor, result, book?.InspectorsOf(result.Recorded.EntityId) ?? []))]);
    }
}
