using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// A committed or executed round is replaced only once set aside with a reason, evidence and the countersignature of
/// the credit supervision office covering the task's jurisdiction or the auditor (issue 20, point 2); the round set
/// aside stays in the ledger, takes no further step and still verifies on its own.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class SettingRoundsAside(DrawHost fixture) : IAsyncLifetime
{
    private const string Redraw = "目录有误，重新抽取 / directory error, draw again";

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<string?> FieldAsync(IScenarioResult refused) =>
        (await refused.ReadAsJsonAsync<JsonElement>()).TryGetProperty("field", out var field) ? field.GetString() : null;

    private Task<IScenarioResult> SetAsideAsync(SetAsideRound body, string? approval, HttpStatusCode status = HttpStatusCode.OK) =>
        fixture.AdjustAsync(DrawHost.TaskId, "set-aside", body, fixture.FoodDivision, approval, status);

    [Fact]
    public async Task A_redraw_over_an_executed_round_with_a_reason_only_is_refused()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        var refused = await fixture.StepAsync(DrawHost.TaskId, "pool", new FreezePool(Redraw), fixture.FoodDivision, HttpStatusCode.Conflict);
        Assert.Equal("round", await FieldAsync(refused));
        Assert.Contains("set-aside", await refused.ReadAsTextAsync());
        Assert.Single((await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!.Rounds);
    }

    [Fact]
    public async Task A_set_aside_without_the_countersignature_a_reason_or_evidence_is_refused_and_writes_nothing()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        var before = await fixture.EventsAsync();
        var approval = fixture.CreditOfficeApproval();
        (SetAsideRound Body, string? Approval, HttpStatusCode Status, string Field)[] refused =
        [
            (DrawRequests.SetAside, null, HttpStatusCode.BadRequest, DrawAdjustments.ApprovalField),
            (DrawRequests.SetAside, fixture.FoodDivision, HttpStatusCode.BadRequest, DrawAdjustments.ApprovalField),
            (DrawRequests.SetAside, fixture.Token(Role.BusinessDivision, "520100", "food-division-colleague"), HttpStatusCode.Forbidden, DrawAdjustments.ApprovalField),
            (DrawRequests.SetAside, fixture.Token(Role.CreditOffice, "520102", "nanming-credit-office"), HttpStatusCode.Forbidden, DrawAdjustments.ApprovalField),
            (DrawRequests.SetAside with { Reason = " " }, approval, HttpStatusCode.BadRequest, "reason"),
            (DrawRequests.SetAside with { Reason = new string('理', 501) }, approval, HttpStatusCode.BadRequest, "reason"),
            (DrawRequests.SetAside with { Evidence = null }, approval, HttpStatusCode.BadRequest, "evidence"),
            (DrawRequests.SetAside with { Evidence = new string('证', 1001) }, approval, HttpStatusCode.BadRequest, "evidence"),
        ];
        foreach (var (body, countersignature, status, field) in refused)
        {
            Assert.Equal(field, await FieldAsync(await SetAsideAsync(body, countersignature, status)));
        }

        Assert.Equal(before, await fixture.EventsAsync());
    }

    [Fact]
    public async Task A_countersigned_set_aside_then_a_new_round_is_accepted_and_the_set_aside_round_still_verifies_on_its_own()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        var auditor = fixture.Token(Role.Auditor, "520100", "auditor");
        var setAside = (await (await SetAsideAsync(DrawRequests.SetAside, auditor)).ReadAsJsonAsync<RoundSetAside>())!;
        Assert.Equal((1, "auditor", "food-division"), (setAside.Round, setAside.ApprovedBy, setAside.SetAsideBy));
        Assert.Equal((DrawRequests.SetAside.Reason, DrawRequests.SetAside.Evidence), (setAside.Reason, setAside.Evidence));

        // Set aside once, and then no step of that round any more.
        Assert.Equal("round", await FieldAsync(await SetAsideAsync(DrawRequests.SetAside, auditor, HttpStatusCode.Conflict)));
        var drawn = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!.Current;
        var substitution = new SubstituteEntity(drawn.Execution!.Selected[0].EntityId, "企业已注销 / deregistered", "注销登记通知书");
        var adjusted = await fixture.AdjustAsync(DrawHost.TaskId, "substitutions", substitution, fixture.FoodDivision, fixture.CreditOfficeApproval(), HttpStatusCode.Conflict);
        Assert.Equal("round", await FieldAsync(adjusted));
        Assert.Equal(setAside, drawn.SetAside);

        await fixture.StepAsync(DrawHost.TaskId, "pool", new FreezePool(Redraw), fixture.FoodDivision);
        await fixture.CheckpointAsync();
        var report = await fixture.Host.GetAsJson<DrawReport>($"/api/tasks/{DrawHost.TaskId}/draw/verification?round=1", fixture.FoodDivision);
        Assert.True(report!.Passed, report.FirstFailure);
        Assert.All(report.Checks, check => Assert.Equal(CheckOutcome.Pass, check.Outcome));
    }
}
