using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// Separation of duties (issue 20, point 4): an adjustment is countersigned by the credit supervision office covering
/// the task's jurisdiction, never by its actor nor by a colleague of the actor's role and office.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class SeparatingDuties(DrawHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Only_the_credit_office_covering_the_task_approves_a_substitution_or_a_reassignment()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        var drawn = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!.Current;
        var substitution = new SubstituteEntity(drawn.Execution!.Selected[0].EntityId, "企业已注销 / deregistered", "注销登记通知书");
        var walk = drawn.Assignment!.Assignments.First(w => w.EntityId != substitution.EntityId && w.Candidates.Count(c => c.Decision == CandidateDecision.Assigned) == 2);
        var reassignment = new ReassignInspector(
            walk.EntityId, walk.Candidates.First(c => c.Decision == CandidateDecision.Assigned).InspectorId, "unavailable", null, "检查员长期病假", "病假证明");
        (string Approval, HttpStatusCode Status)[] refused =
        [
            (fixture.FoodDivision, HttpStatusCode.BadRequest),
            (fixture.Token(Role.BusinessDivision, "520100", "food-division-colleague"), HttpStatusCode.Forbidden),
            (fixture.Token(Role.CreditOffice, "520102", "nanming-credit-office"), HttpStatusCode.Forbidden),
        ];
        foreach (var (step, body) in new (string, object)[] { ("substitutions", substitution), ("reassignments", reassignment) })
        {
            foreach (var (approval, status) in refused)
            {
                var refusal = await fixture.AdjustAsync(DrawHost.TaskId, step, body, fixture.FoodDivision, approval, status);
                Assert.Equal(DrawAdjustments.ApprovalField, (await refusal.ReadAsJsonAsync<JsonElement>()).GetProperty("field").GetString());
            }
        }

        var untouched = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!.Current;
        Assert.Empty(untouched.Adjustments);

        var approved = await fixture.AdjustAsync(DrawHost.TaskId, "substitutions", substitution, fixture.FoodDivision, fixture.CreditOfficeApproval());
        Assert.Equal("credit-office", (await approved.ReadAsJsonAsync<EntitySubstituted>())!.ApprovedBy);
        var reassigned = await fixture.AdjustAsync(DrawHost.TaskId, "reassignments", reassignment, fixture.FoodDivision, fixture.CreditOfficeApproval());
        Assert.Equal("credit-office", (await reassigned.ReadAsJsonAsync<InspectorReassigned>())!.ApprovedBy);
    }
}
