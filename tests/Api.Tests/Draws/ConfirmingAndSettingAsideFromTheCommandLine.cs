using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// The `draw` verb takes the two steps issue 20 adds as the endpoints do: `confirm` by the second party with its own
/// token, and `set-aside` countersigned with `--approval` (refused, naming it, without).
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class ConfirmingAndSettingAsideFromTheCommandLine(DrawHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Draw_confirm_and_draw_set_aside_record_their_events_and_set_aside_needs_the_approval()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "randomness/confirmation");
        var body = Path.Combine(Path.GetTempPath(), $"fairdraw-body-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(body, """{"values":[{"label":"fucai-3d","numbers":[9,3,1]}]}""");
            var confirmed = await fixture.RunApiAsync("draw", "confirm", DrawHost.TaskId, "--token", fixture.CreditOfficeApproval(), "--body", body);
            Assert.True(confirmed.ExitCode == 0, confirmed.Output);
            Assert.Contains("LotteryValuesConfirmed recorded", confirmed.Output);

            await fixture.StepAsync(DrawHost.TaskId, "execution", null, fixture.FoodDivision);
            await File.WriteAllTextAsync(body, """{"reason":"抽中对象所在园区封闭管理 / the drawn park was closed","evidence":"园区管委会封闭通知"}""");
            var unapproved = await fixture.RunApiAsync("draw", "set-aside", DrawHost.TaskId, "--token", fixture.FoodDivision, "--body", body);
            Assert.NotEqual(0, unapproved.ExitCode);
            Assert.Contains("approval", unapproved.Output);

            var auditor = fixture.Token(Role.Auditor, "520100", "auditor");
            var setAside = await fixture.RunApiAsync("draw", "set-aside", DrawHost.TaskId, "--token", fixture.FoodDivision, "--body", body, "--approval", auditor);
            Assert.True(setAside.ExitCode == 0, setAside.Output);
            Assert.Contains("RoundSetAside recorded", setAside.Output);
        }
        finally
        {
            File.Delete(body);
        }

        var round = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!.Current;
        Assert.Equal(("credit-office", "auditor"), (round.Confirmation!.ConfirmedBy, round.SetAside!.ApprovedBy));
    }
}
