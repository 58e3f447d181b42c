using System.Globalization;
using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.Public;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Plans;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Plans;
using NodaTime;

namespace FairDraw.Api.Tests.Public;

/// <summary>
/// The public reads the portal's pages use, without a token: filed plans with their tasks' draw states (never a draft),
/// the commitments waiting for their sources in structured form, and the search of published results by code or name.
/// </summary>
[Collection(nameof(PublicPageCollection))]
public sealed class ReadingPortalData(PublicPageHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => PortalData.EnsureAsync(fixture);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<T> PublicAsync<T>(string url)
    {
        var result = await fixture.Ledger.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.StatusCodeShouldBeOk();
        });
        return (await result.ReadAsJsonAsync<T>())!;
    }

    [Fact]
    public async Task Filed_plans_list_each_task_with_its_current_round_and_state_and_a_draft_is_never_listed()
    {
        var draft = new DraftPlan(2021, "520100", "DRF", "草拟中的计划", PlanHost.List, [PlanHost.FoodTask("T01", "1/10")]);
        await fixture.Ledger.PostAsync("/api/plans", draft, fixture.Ledger.FoodDivision, HttpStatusCode.Created);

        var plans = (await PublicAsync<PublicPlans>("/api/public/plans?year=2021")).Plans;

        Assert.DoesNotContain(plans, plan => plan.PlanId == "2021-520100-DRF");
        Assert.Empty((await PublicAsync<PublicPlans>("/api/public/plans?year=2020")).Plans);
        var portal = Assert.Single(plans, plan => plan.PlanId == PortalData.PlanId);
        Assert.Equal(
            [(PortalData.RedrawnTask, (int?)2, "PoolFrozen"), (PortalData.WaitingTask, 1, "Committed"), (PortalData.LapsedTask, 1, "Committed")],
            portal.Tasks.Select(task => (task.TaskId, task.Round, task.DrawState)));
        var drawn = Assert.Single(plans, plan => plan.PlanId == DrawHost.PlanId).Tasks.Single(task => task.TaskId == DrawHost.TaskId);
        Assert.Equal((1, "Assigned"), (drawn.Round, drawn.DrawState));
    }

    [Fact]
    public async Task A_commitment_waiting_for_its_sources_names_the_drand_round_and_the_lottery_issue()
    {
        fixture.Ledger.Clock.Reset(SystemClock.Instance.GetCurrentInstant());
        var pending = (await PublicAsync<PendingCommitments>("/api/public/commitments/pending")).Commitments;

        // The redrawn task's new round is only frozen, the drawn task's sources are recorded, T03's commitment of 2021 has
        // lapsed: none of them waits.
        var waiting = Assert.Single(pending);
        Assert.Equal((PortalData.WaitingTask, 1, null), (waiting.TaskId, waiting.Round, waiting.Publication));
        var drand = waiting.Sources.Single(source => source.Kind == "drand");
        Assert.Equal(("default", (long?)PortalData.DrandRound), (drand.Chain, drand.DrandRound));
        Assert.Equal(PortalData.Chain.RoundTime(PortalData.DrandRound), drand.ResolvesAt);
        var lottery = waiting.Sources.Single(source => source.Kind == "lottery");
        Assert.Equal(("福彩3D", PortalData.Resolves.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), PortalData.Issue), (lottery.Game, lottery.DrawDate, lottery.Issue));
        Assert.StartsWith("中国福利彩票", lottery.Operator, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Published_results_are_found_by_part_of_the_name_or_the_start_of_the_code_and_paged()
    {
        var entity = fixture.PublishedEntity;
        var name = await PortalData.EntityNameAsync(fixture, entity);

        var byName = await PublicAsync<PublishedResultPage>($"/api/public/results?q={Uri.EscapeDataString(name[2..^2])}");
        var byCode = await PublicAsync<PublishedResultPage>($"/api/public/results?q={entity[..10]}");
        var all = await PublicAsync<PublishedResultPage>("/api/public/results");
        var beyond = await PublicAsync<PublishedResultPage>("/api/public/results?page=2&pageSize=1");

        foreach (var page in new[] { byName, byCode, all })
        {
            var found = Assert.Single(page.Results);
            Assert.Equal((entity, name, DrawHost.TaskId, 1L), (found.Result.EntityId, found.EntityName, found.Result.TaskId, page.Total));
        }

        Assert.Equal((0, 1L, 2, 1), (beyond.Results.Count, beyond.Total, beyond.Page, beyond.PageSize));
        // The code matches from its start only, and a LIKE wildcard in the query is a character like any other.
        Assert.Empty((await PublicAsync<PublishedResultPage>($"/api/public/results?q={entity[1..]}")).Results);
        Assert.Empty((await PublicAsync<PublishedResultPage>("/api/public/results?q=%25")).Results);
        Assert.Empty((await PublicAsync<PublishedResultPage>("/api/public/results?q=_")).Results);
    }

    [Theory]
    [InlineData("q=", "q")]
    [InlineData("q=%20%20", "q")]
    [InlineData("q=%07", "q")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    public async Task A_malformed_search_is_a_problem_naming_its_parameter(string query, string field)
    {
        var result = await fixture.Ledger.Host.Scenario(s =>
        {
            s.Get.Url($"/api/public/results?{query}");
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });

        Assert.Equal(field, (await result.ReadAsJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_query_longer_than_100_characters_is_refused()
    {
        await fixture.Ledger.Host.Scenario(s =>
        {
            s.Get.Url($"/api/public/results?q={new string('贵', 101)}");
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
    }
}
