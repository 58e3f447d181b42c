using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Inspectors;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// Conflicts as of the act (issue 20, point 3): a conflict of interest declared after the freeze binds later adjustments,
/// and the reassignment's event records it, so that verification replays it from the round's events alone.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class CheckingConflictsAsOfTheAct(DrawHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_conflict_declared_after_the_freeze_refuses_a_manual_reassignment_and_the_next_ticket_skips_and_records_it()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        var drawn = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!.Current;
        var walk = drawn.Assignment!.Assignments.First(w => w.Candidates.Count(c => c.Decision == CandidateDecision.Assigned) == 2);
        var assigned = walk.Candidates.Where(c => c.Decision == CandidateDecision.Assigned).Select(c => c.InspectorId).ToList();
        var others = drawn.Pool.Inspectors.Select(i => i.Id).Except(assigned).Order(StringComparer.Ordinal).ToList();
        var personnel = fixture.Token(Role.Personnel, "520100", "personnel");
        foreach (var inspector in others)
        {
            await fixture.PostAsync($"/api/inspectors/{inspector}/conflicts", new DeclareConflictOfInterest(walk.EntityId, "亲属在该企业任职"), personnel);
        }

        var refusals = new List<string>();
        foreach (var named in others)
        {
            var manual = new ReassignInspector(walk.EntityId, assigned[0], "other", named, "检查员另有专案任务", "处室调度单");
            var refusal = await fixture.AdjustAsync(DrawHost.TaskId, "reassignments", manual, fixture.FoodDivision, fixture.CreditOfficeApproval(), HttpStatusCode.BadRequest);
            var problem = await refusal.ReadAsJsonAsync<JsonElement>();
            Assert.Equal("replacementInspectorId", problem.GetProperty("field").GetString());
            refusals.Add(problem.GetProperty("detail").GetString()!);
        }

        Assert.Contains(refusals, detail => detail.EndsWith(CandidateDecision.Recused, StringComparison.Ordinal));
        var nextTicket = new ReassignInspector(walk.EntityId, assigned[0], "unavailable", null, "检查员长期病假", "病假证明");
        var response = await fixture.AdjustAsync(DrawHost.TaskId, "reassignments", nextTicket, fixture.FoodDivision, fixture.CreditOfficeApproval());
        var reassigned = (await response.ReadAsJsonAsync<InspectorReassigned>())!;

        Assert.Null(reassigned.ReplacementInspectorId);
        Assert.DoesNotContain(reassigned.Candidates, c => c.Decision == CandidateDecision.Assigned);
        Assert.Contains(reassigned.Candidates, c => c.Decision == CandidateDecision.Recused);
        Assert.Equal(others.Select(inspector => new FrozenConflict(inspector, walk.EntityId)), reassigned.Conflicts!);
        await fixture.CheckpointAsync();
        var verification = await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/tasks/{DrawHost.TaskId}/draw/verification");
            s.StatusCodeShouldBeOk();
        });
        var report = (await verification.ReadAsJsonAsync<TaskVerification>())!.Rounds[^1];
        Assert.True(report.Passed, report.FirstFailure);
    }
}
