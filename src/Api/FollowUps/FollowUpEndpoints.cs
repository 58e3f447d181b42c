using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Api.InspectionResults;
using FairDraw.Api.Plans;
using FairDraw.Ledger;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Results;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.FollowUps;

/// <summary>One follow-up stream as read: the folded follow-up (null when none is opened) and the version it was folded at.</summary>
public sealed record LoadedFollowUp(FollowUp? State, long Version) : IStreamVersion
{
    long IStreamVersion.StreamVersion => Version;
}

/// <summary>
/// 后续处置: the task's division or bureau opens a follow-up of an approved result, hands it over and closes it
/// (docs/events.md, "Follow-up stream").
/// </summary>
public static class FollowUpEndpoints
{
    /// <summary>Opens a follow-up of one kind for an approved result whose outcome calls for it.</summary>
    [WolverinePost("/api/tasks/{taskId}/results/{entityId}/{itemCode}/follow-ups", Name = "OpenFollowUp")]
    public static async Task<Created<FollowUpOpened>> Open(
        string taskId, string entityId, string itemCode, OpenFollowUp command, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var kind = FollowUpDecisions.Kind(command.Kind);
        var opened = await StepAsync<FollowUpOpened>(session, taskId, entityId, itemCode, kind, (task, department, result, followUp) =>
            FollowUpDecisions.Open(task, department, result, followUp, command, user.ToActor(), clock.GetCurrentInstant()));
        return TypedResults.Created($"/api/tasks/{taskId}/results/{opened.EntityId}/{opened.ItemCode}/follow-ups/{kind}", opened);
    }

    /// <summary>Hands a case referral, transfer or judicial referral to the party that acts on it.</summary>
    [WolverinePost("/api/tasks/{taskId}/results/{entityId}/{itemCode}/follow-ups/{kind}/hand-over", Name = "HandOverFollowUp")]
    public static Task<FollowUpHandedOver> HandOver(
        string taskId, string entityId, string itemCode, string kind, HandOverFollowUp command, ClaimsPrincipal user, IDocumentSession session,
        IClock clock)
        => StepAsync<FollowUpHandedOver>(session, taskId, entityId, itemCode, FollowUpDecisions.Kind(kind), (task, department, result, followUp) =>
            FollowUpDecisions.HandOver(task, department, result, followUp, command, user.ToActor(), clock.GetCurrentInstant()));

    /// <summary>Closes an open follow-up with its outcome and date.</summary>
    [WolverinePost("/api/tasks/{taskId}/results/{entityId}/{itemCode}/follow-ups/{kind}/closure", Name = "CloseFollowUp")]
    public static Task<FollowUpClosed> Close(
        string taskId, string entityId, string itemCode, string kind, CloseFollowUp command, ClaimsPrincipal user, IDocumentSession session,
        IClock clock)
        => StepAsync<FollowUpClosed>(session, taskId, entityId, itemCode, FollowUpDecisions.Kind(kind), (task, department, result, followUp) =>
            FollowUpDecisions.Close(task, department, result, followUp, command, user.ToActor(), clock.GetCurrentInstant()));

    /// <summary>
    /// A step on one follow-up: the key checked before anything is read, the task, the result and the follow-up's stream
    /// read, and the decision's one event appended at the version read.
    /// </summary>
    private static async Task<T> StepAsync<T>(
        IDocumentSession session, string taskId, string entityId, string itemCode, FollowUpKind kind,
        Func<PlannedTask, string, InspectionResult?, FollowUp?, IReadOnlyList<object>> decide)
    {
        (entityId, itemCode) = ResultDecisions.Key(entityId, itemCode);
        var (plan, task) = await PlanReads.PlanOfTaskAsync(session, taskId);
        var department = await TaskResults.DepartmentAsync(session, plan, task, itemCode);
        var result = await TaskResults.LoadAsync(session, taskId, entityId, itemCode);
        var key = StreamKeys.FollowUp(FollowUpKinds.Id(taskId, entityId, itemCode, kind));
        var events = await session.Events.FetchStreamAsync(key);
        var existing = new LoadedFollowUp(events.Aggregate((FollowUp?)null, (state, e) => FollowUp.Evolve(state, e.Data)), events.Count);
        var decided = decide(task, department, result.State, existing.State);
        await StreamAppend.AppendAsync(session, key, existing, decided);
        return (T)decided.Single();
    }
}
