using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Draws;
using NodaTime;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// A commitment names only registered sources (src/Ledger/Draws/SourceRegistry.cs, docs/draw-protocol.md §13): a
/// drand chain that exists by then, and a national lottery game on one of its draw days with an issue the schedule
/// allows; a lottery value has the game's form. Each refusal is a 400 naming the member and writes nothing.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class NamingRegisteredSources(DrawHost fixture) : IAsyncLifetime
{
    private static readonly LocalDate Saturday = new(2021, 4, 3);

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static CommitDraw With(SourceInput drand, SourceInput lottery) => new([drand, lottery], null);

    private static SourceInput Drand => DrawRequests.Commitment().Sources![0];

    private static SourceInput Lottery => DrawRequests.Commitment().Sources![1];

    private async Task<string?> RefusedCommitmentAsync(CommitDraw body)
    {
        var refused = await fixture.StepAsync(DrawHost.TaskId, "commitment", body, fixture.FoodDivision, HttpStatusCode.BadRequest);
        var draw = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!;
        Assert.Null(draw.Current.Commitment);
        return (await refused.ReadAsJsonAsync<JsonElement>()).GetProperty("field").GetString();
    }

    [Fact]
    public async Task A_private_raffle_an_unknown_chain_and_a_chain_not_yet_started_are_refused()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "commitment");

        // The attempt of issue 20: a free-text game and issue, accepted before the registry.
        Assert.Equal("sources[1].game", await RefusedCommitmentAsync(With(Drand, Lottery with { Game = "我的私人抽奖 / my private raffle", Issue = "abc" })));
        Assert.Equal("sources[0].chain", await RefusedCommitmentAsync(With(Drand with { Chain = "my-own-beacon" }, Lottery)));
        Assert.Equal("sources[0].chain", await RefusedCommitmentAsync(With(Drand with { Chain = "00" + new string('a', 62) }, Lottery)));

        // quicknet's genesis is 2023-08-23: a commitment of March 2021 cannot name one of its rounds.
        var quicknet = SourceRegistry.Chain("quicknet")!;
        Assert.Equal("sources[0].chain", await RefusedCommitmentAsync(With(Drand with { Chain = quicknet.Hash, Round = 1 }, Lottery)));
    }

    [Fact]
    public async Task An_issue_of_the_wrong_form_day_or_sequence_is_refused()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "commitment");

        Assert.Equal("sources[1].issue", await RefusedCommitmentAsync(With(Drand, Lottery with { Issue = "21083" })));
        Assert.Equal("sources[1].issue", await RefusedCommitmentAsync(With(Drand, Lottery with { Issue = "2020083" })));
        // 93 daily draws are scheduled through 3 April 2021: issue 200 cannot be drawn by then, issue 60 long was.
        Assert.Equal("sources[1].issue", await RefusedCommitmentAsync(With(Drand, Lottery with { Issue = "2021200" })));
        Assert.Equal("sources[1].issue", await RefusedCommitmentAsync(With(Drand, Lottery with { Issue = "2021060" })));
        // 双色球 draws on Tuesday, Thursday and Sunday; 3 April 2021 is a Saturday.
        Assert.Equal("sources[1].drawDate", await RefusedCommitmentAsync(With(Drand, Lottery with { Game = "双色球", DrawDate = Saturday, Issue = "2021037" })));
        // 大乐透 (Monday, Wednesday, Saturday) numbers its issues YYNNN: the 40th draw of 2021 is on or before 3 April.
        Assert.Equal("sources[1].issue", await RefusedCommitmentAsync(With(Drand, Lottery with { Game = "大乐透", DrawDate = Saturday, Issue = "2021040" })));

        await fixture.StepAsync(DrawHost.TaskId, "commitment", With(Drand with { Chain = SourceRegistry.Chain("default")!.Hash }, Lottery with { Game = "大乐透", Issue = "21040" }), fixture.FoodDivision);
    }

    [Fact]
    public async Task A_lottery_value_out_of_the_games_form_is_refused()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "randomness");
        fixture.Clock.Reset(DrawRequests.SourcesResolved);
        var drand = DrawRequests.Values.Values![0];
        var lottery = DrawRequests.Values.Values![1];

        foreach (int[] numbers in new[] { new[] { 3, 9 }, [3, 9, 1, 4], [3, 9, 10] })
        {
            var refused = await fixture.StepAsync(DrawHost.TaskId, "randomness", new RecordRandomness([drand, lottery with { Numbers = numbers }]), fixture.FoodDivision, HttpStatusCode.BadRequest);
            Assert.Equal("values[1].numbers", (await refused.ReadAsJsonAsync<JsonElement>()).GetProperty("field").GetString());
        }

        var draw = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!;
        Assert.Null(draw.Current.Randomness);
        await fixture.StepAsync(DrawHost.TaskId, "randomness", DrawRequests.Values, fixture.FoodDivision);
    }
}
