using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// A lottery value is recorded with the reference of its official announcement and counts only once a second party
/// confirms it by entering the numbers again (issue 20, point 1): the credit supervision office covering the task's
/// jurisdiction or the auditor, never the recorder; no execution before.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class ConfirmingLotteryValues(DrawHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<DrawRound> RoundAsync() => (await fixture.Host.GetAsJson<TaskDraw>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!.Current;

    /// <summary>The field a refusal names; null for a refusal of the actor's role or jurisdiction, which names none.</summary>
    private async Task<string?> RefusedFieldAsync(string step, object? body, string token, HttpStatusCode status)
    {
        var refused = await fixture.StepAsync(DrawHost.TaskId, step, body, token, status);
        return (await refused.ReadAsJsonAsync<JsonElement>()).TryGetProperty("field", out var field) ? field.GetString() : null;
    }

    [Fact]
    public async Task A_lottery_value_without_its_announcement_is_refused_and_a_drand_value_takes_none()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "randomness");
        fixture.Clock.Reset(DrawRequests.SourcesResolved);
        var (drand, lottery) = (DrawRequests.Values.Values![0], DrawRequests.Values.Values![1]);
        foreach (var (values, field) in new (RandomnessInput[], string)[]
        {
            ([drand, lottery with { Announcement = null }], "values[1].announcement"),
            ([drand, lottery with { Announcement = "  " }], "values[1].announcement"),
            ([drand, lottery with { Announcement = new string('公', DrawDecisions.MaxAnnouncement + 1) }], "values[1].announcement"),
            ([drand, lottery with { Announcement = "第2021083期\n开奖公告" }], "values[1].announcement"),
            ([drand with { Announcement = DrawRequests.Announcement }, lottery], "values[0].announcement"),
        })
        {
            Assert.Equal(field, await RefusedFieldAsync("randomness", new RecordRandomness(values), fixture.FoodDivision, HttpStatusCode.BadRequest));
        }

        Assert.Null((await RoundAsync()).Randomness);
        var recorded = await fixture.StepAsync(DrawHost.TaskId, "randomness", DrawRequests.Values, fixture.FoodDivision);
        var evidence = (await recorded.ReadAsJsonAsync<RandomnessRecorded>())!.Evidence!;
        Assert.Equal(new SourceEvidence("fucai-3d", null, DrawRequests.Announcement), Assert.Single(evidence, e => e.Label == "fucai-3d"));
    }

    [Fact]
    public async Task Execution_is_refused_until_the_lottery_values_are_confirmed()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "randomness/confirmation");
        Assert.Equal("confirmation", await RefusedFieldAsync("execution", null, fixture.FoodDivision, HttpStatusCode.Conflict));
        Assert.Null((await RoundAsync()).Execution);

        var confirmed = await fixture.ConfirmLotteryAsync(DrawHost.TaskId);
        var confirmation = (await confirmed.ReadAsJsonAsync<LotteryValuesConfirmed>())!;
        Assert.Equal(("credit-office", 1), (confirmation.ConfirmedBy, confirmation.Round));
        Assert.Equal([new SourceValue("fucai-3d", "1.3.9./")], confirmation.Values);
        await fixture.ConfirmLotteryAsync(DrawHost.TaskId, HttpStatusCode.Conflict);

        await fixture.StepAsync(DrawHost.TaskId, "execution", null, fixture.FoodDivision);
        await fixture.StepAsync(DrawHost.TaskId, "assignments", null, fixture.FoodDivision);
        await fixture.CheckpointAsync();
        var report = await fixture.Host.GetAsJson<DrawReport>($"/api/tasks/{DrawHost.TaskId}/draw/verification", fixture.FoodDivision);
        Assert.True(report!.Passed, report.FirstFailure);
    }

    [Fact]
    public async Task Only_a_second_party_covering_the_task_other_than_the_recorder_confirms()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "randomness/confirmation");
        (string Token, HttpStatusCode Status, string Field)[] refused =
        [
            (fixture.FoodDivision, HttpStatusCode.Forbidden, ""),
            (fixture.Token(Role.CreditOffice, "520100", "food-division"), HttpStatusCode.BadRequest, DrawDecisions.ConfirmedByField),
            (fixture.Token(Role.BusinessDivision, "520100", "food-division-colleague"), HttpStatusCode.Forbidden, ""),
            (fixture.Token(Role.CreditOffice, "520102", "nanming-credit-office"), HttpStatusCode.Forbidden, ""),
            (fixture.Token(Role.Auditor, "520103", "yunyan-auditor"), HttpStatusCode.Forbidden, ""),
        ];
        foreach (var (token, status, field) in refused)
        {
            Assert.Equal(field, await RefusedFieldAsync("randomness/confirmation", DrawRequests.Confirmation, token, status) ?? "");
        }

        Assert.Null((await RoundAsync()).Confirmation);
        var confirmed = await fixture.StepAsync(DrawHost.TaskId, "randomness/confirmation", DrawRequests.Confirmation, fixture.Token(Role.Auditor, "520100", "auditor"));
        Assert.Equal("auditor", (await confirmed.ReadAsJsonAsync<LotteryValuesConfirmed>())!.ConfirmedBy);
    }

    [Fact]
    public async Task A_confirmation_with_other_numbers_is_refused_and_the_round_can_then_only_be_set_aside()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "randomness/confirmation");
        var misread = new ConfirmLotteryValues([new RandomnessInput("fucai-3d", null, [1, 3, 8])]);
        Assert.Equal("values[0].numbers", await RefusedFieldAsync("randomness/confirmation", misread, fixture.CreditOfficeApproval(), HttpStatusCode.Conflict));
        Assert.Equal("values[0].label", await RefusedFieldAsync(
            "randomness/confirmation", new ConfirmLotteryValues([new RandomnessInput("drand", null, [1])]), fixture.CreditOfficeApproval(), HttpStatusCode.BadRequest));
        Assert.Null((await RoundAsync()).Confirmation);
        Assert.Equal("confirmation", await RefusedFieldAsync("execution", null, fixture.FoodDivision, HttpStatusCode.Conflict));

        await fixture.AdjustAsync(DrawHost.TaskId, "set-aside", DrawRequests.SetAside, fixture.FoodDivision, fixture.CreditOfficeApproval());
        Assert.Equal("round", await RefusedFieldAsync("randomness/confirmation", DrawRequests.Confirmation, fixture.CreditOfficeApproval(), HttpStatusCode.Conflict));
        Assert.Equal("round", await RefusedFieldAsync("execution", null, fixture.FoodDivision, HttpStatusCode.Conflict));
        await fixture.StepAsync(DrawHost.TaskId, "pool", new FreezePool("福彩3D开奖号码无法确认 / the lottery value could not be confirmed"), fixture.FoodDivision);
    }
}
