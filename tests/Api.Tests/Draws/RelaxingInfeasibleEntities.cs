using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Draws;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// The relaxation an infeasible entity records (§9 step 5): `POST …/draw/reassignments` with trigger `infeasible` and no
/// `inspectorId` adds the named inspector, checked as a manual reassignment, to an entity still short; nothing else.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class RelaxingInfeasibleEntities(DrawHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_entity_short_of_inspectors_gets_a_qualified_one_named_by_hand_and_no_other_entity_does()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        var drawn = await CurrentAsync();
        // The food stratum's inspectors all belong to one unit, so its entities found one inspector of the two required.
        var infeasible = drawn.Assignment!.Infeasible[0];
        Assert.Equal(1, infeasible.Found);
        var only = AssignmentBook.Of(drawn).InspectorsOf(infeasible.EntityId).Single();
        var food = drawn.Pool.Inspectors
            .Where(i => i.Status == "active" && i.Expertise.Contains("食品") && i.Id != only).Select(i => i.Id).ToList();
        var unqualified = drawn.Pool.Inspectors.First(i => i.Status == "active" && !i.Expertise.Contains("食品")).Id;
        var full = drawn.Assignment.Assignments.First(w => w.Candidates.Count(c => c.Decision == CandidateDecision.Assigned) == 2).EntityId;

        await RefusedAsync(Relaxation(full, food[0]), HttpStatusCode.Conflict, "entityId");
        await RefusedAsync(Relaxation(infeasible.EntityId, unqualified), HttpStatusCode.BadRequest, "replacementInspectorId");
        await RefusedAsync(Relaxation(infeasible.EntityId, food[0]), HttpStatusCode.BadRequest, "replacementInspectorId");
        await RefusedAsync(Relaxation(infeasible.EntityId, food[0]) with { InspectorId = only }, HttpStatusCode.BadRequest, "inspectorId");
        await RefusedAsync(Relaxation(infeasible.EntityId, null), HttpStatusCode.BadRequest, "replacementInspectorId");
        Assert.Empty((await CurrentAsync()).Adjustments);

        // Its one inspector recused and its ranking used up, the entity holds none; the relaxation then adds one.
        var takenOff = new ReassignInspector(infeasible.EntityId, only, DrawAdjustments.Recused, null, "检查员申请回避", "回避申请表");
        await fixture.AdjustAsync(DrawHost.TaskId, "reassignments", takenOff, fixture.FoodDivision, fixture.CreditOfficeApproval());
        var consulted = AssignmentBook.Of(await CurrentAsync()).ConsultedOf(infeasible.EntityId);
        var response = await fixture.AdjustAsync(
            DrawHost.TaskId, "reassignments", Relaxation(infeasible.EntityId, food[0]), fixture.FoodDivision, fixture.CreditOfficeApproval());
        var relaxed = (await response.ReadAsJsonAsync<InspectorReassigned>())!;

        Assert.Equal(
            (null, DrawAdjustments.Infeasible, ReassignmentRules.Manual, food[0], 0, "credit-office"),
            (relaxed.RemovedInspectorId, relaxed.Trigger, relaxed.Rule, relaxed.ReplacementInspectorId, relaxed.Candidates.Count, relaxed.ApprovedBy));
        var book = AssignmentBook.Of(await CurrentAsync());
        Assert.Equal([food[0]], book.InspectorsOf(infeasible.EntityId));
        Assert.Equal(consulted, book.ConsultedOf(infeasible.EntityId));
        await RefusedAsync(Relaxation(infeasible.EntityId, only), HttpStatusCode.BadRequest, "replacementInspectorId");
        await fixture.CheckpointAsync();
        var verification = await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/tasks/{DrawHost.TaskId}/draw/verification?round=1");
            s.StatusCodeShouldBeOk();
        });
        var report = (await verification.ReadAsJsonAsync<DrawReport>())!;
        Assert.True(report.Passed, report.FirstFailure);
    }

    private static ReassignInspector Relaxation(string entityId, string? named) =>
        new(entityId, null, DrawAdjustments.Infeasible, named, "无法满足人员规则，人工补足 / infeasible, completed by hand", "人员调配审批单");

    private async Task<DrawRound> CurrentAsync() =>
        (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!.Current;

    private async Task RefusedAsync(ReassignInspector request, HttpStatusCode status, string field)
    {
        var refusal = await fixture.AdjustAsync(
            DrawHost.TaskId, "reassignments", request, fixture.FoodDivision, fixture.CreditOfficeApproval(), status);
        Assert.Equal(field, (await refusal.ReadAsJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }
}
