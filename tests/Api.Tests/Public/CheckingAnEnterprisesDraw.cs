using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Entities;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace FairDraw.Api.Tests.Public;

/// <summary>
/// 企业页 in the visitor's chromium: each round that held the enterprise is checked there by its per-entity proof
/// (verifier/entity-proof.mjs): a selected and an unselected enterprise verify, a forged entry fails at its named check,
/// a round frozen but not executed is in progress, markup in the address shows as text, and English leaves none of our
/// Chinese; no Content-Security-Policy refusal on the way.
/// </summary>
[Collection(nameof(PublicPageCollection))]
public sealed class CheckingAnEnterprisesDraw(PublicPageHost fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Wait = 60_000;

    public Task InitializeAsync() => PortalData.EnsureAsync(fixture);

    public Task DisposeAsync() => Task.CompletedTask;

    private ILocator Round(IPage page, string taskId, int round) =>
        page.Locator($"section.round[data-task='{taskId}'][data-round='{round.ToString(CultureInfo.InvariantCulture)}']");

    private async Task<string> UnselectedAsync()
    {
        var draw = await fixture.Ledger.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.Ledger.FoodDivision);
        var executed = draw!.Rounds[0].Execution!;
        return fixture.Ledger.Entities.First(entity => executed.Selected.All(selected => selected.EntityId != entity));
    }

    [Fact]
    public async Task A_selected_enterprise_is_proved_selected_with_its_rank_and_its_published_result_listed()
    {
        var visit = await fixture.OpenAsync($"/entities/{fixture.PublishedEntity}");
        await using var context = visit.Page.Context;
        var page = visit.Page;

        var round = Round(page, DrawHost.TaskId, 1);
        await round.WaitForAsync(new() { Timeout = Wait });
        Assert.Equal("pass", await round.GetAttributeAsync("data-outcome"));
        Assert.Equal("通过", await round.Locator(".verdict").TextContentAsync());
        Assert.Matches("^抽中：在 [0-9]+ 家中名次为 [0-9]+（从 0 起），抽取 [0-9]+ 家$",
            await round.Locator(".fate").TextContentAsync());
        var outcomes = await round.Locator("tbody td:first-child").AllTextContentsAsync();
        Assert.Contains("rank", await round.Locator("tbody").TextContentAsync(), StringComparison.Ordinal);
        Assert.All(outcomes, outcome => Assert.Equal("通过", outcome));
        Assert.Equal($"/verify/{DrawHost.TaskId}?round=1", await round.GetByText("在浏览器中核验第1轮").GetAttributeAsync("href"));
        Assert.Equal($"/tasks/{DrawHost.TaskId}", await round.Locator("dd a").GetAttributeAsync("href"));
        await page.Locator("#entity-results tbody tr").First.WaitForAsync(new() { Timeout = Wait });
        Assert.Equal(DrawHost.TaskId, await page.Locator("#entity-results tbody tr td a").First.TextContentAsync());
        Assert.Contains("留空时使用收据中自带的公钥", await page.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        Assert.Empty(visit.Refusals);
    }

    [Fact]
    public async Task An_unselected_enterprise_is_proved_not_selected_and_a_round_frozen_but_not_executed_is_in_progress()
    {
        var visit = await fixture.OpenAsync($"/entities/{await UnselectedAsync()}");
        await using var context = visit.Page.Context;
        var page = visit.Page;

        var round = Round(page, DrawHost.TaskId, 1);
        await round.WaitForAsync(new() { Timeout = Wait });
        Assert.Equal("pass", await round.GetAttributeAsync("data-outcome"));
        Assert.Matches("^未抽中：在 [0-9]+ 家中名次为 [0-9]+（从 0 起），只抽取前 [0-9]+ 家$",
            await round.Locator(".fate").TextContentAsync());
        var frozen = Round(page, PortalData.RedrawnTask, 2);
        Assert.Equal("pending", await frozen.GetAttributeAsync("data-outcome"));
        Assert.Equal("进行中", await frozen.Locator(".verdict").TextContentAsync());
        Assert.Equal("已冻结", await frozen.Locator("dd").Nth(2).TextContentAsync());
        Assert.StartsWith("尚未确定", await frozen.Locator(".fate").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("进行中", await page.Locator("#summary span").TextContentAsync());
        Assert.Empty(visit.Refusals);
    }

    [Theory]
    [InlineData("rank", "rank")]
    [InlineData("ticket", "ticket")]
    [InlineData("entityProof", "pool membership")]
    public async Task An_entry_forged_on_its_way_to_the_browser_fails_at_its_check(string member, string check)
    {
        var context = await fixture.Browser.NewContextAsync();
        await using var closing = context;
        await context.RouteAsync("**/api/public/entities/*/draws", async route =>
        {
            var response = await route.FetchAsync();
            var found = JsonNode.Parse(await response.TextAsync())!;
            var entry = found["draws"]!.AsArray().First(draw => draw!["taskId"]!.GetValue<string>() == DrawHost.TaskId)!;
            entry[member] = member switch
            {
                "rank" => entry["rank"]!.GetValue<int>() + 1,
                "ticket" => "00" + entry["ticket"]!.GetValue<string>()[2..],
                _ => new JsonArray([.. entry["entityProof"]!.AsArray().Select((hash, index) =>
                    (JsonNode)(index == 0 ? "ff" + hash!.GetValue<string>()[2..] : hash!.GetValue<string>()))]),
            };
            await route.FulfillAsync(new() { Response = response, Body = found.ToJsonString() });
        });
        var visit = await fixture.OpenAsync($"/entities/{fixture.PublishedEntity}", context);

        var round = Round(visit.Page, DrawHost.TaskId, 1);
        await round.WaitForAsync(new() { Timeout = Wait });
        Assert.Equal("fail", await round.GetAttributeAsync("data-outcome"));
        Assert.Equal("未通过", await round.Locator(".verdict").TextContentAsync());
        var failed = round.Locator("tbody tr", new() { Has = visit.Page.Locator("span.fail") });
        Assert.Contains(check, await failed.Locator("td").Nth(1).AllTextContentsAsync());
        Assert.Equal("核验不通过", await visit.Page.Locator("#summary span.fail").TextContentAsync());
        Assert.Empty(visit.Refusals);
    }

    [Fact]
    public async Task An_enterprise_no_pool_held_is_told_so()
    {
        var visit = await fixture.OpenAsync($"/entities/{Uscc.Complete("9152019999999999").Value}");
        await using var context = visit.Page.Context;

        await visit.Page.Locator("#summary .notice").WaitForAsync(new() { Timeout = Wait });
        Assert.Equal("没有任何一轮摇号的冻结对象池包含该企业：它从未参与抽取。",
            await visit.Page.Locator("#summary").TextContentAsync());
        Assert.Equal(0, await visit.Page.Locator("section.round").CountAsync());
    }

    [Theory]
    [InlineData("<img src=x onerror=\"window.pwned=1;alert(1)\">")]
    [InlineData("\"><script>window.pwned=1;alert(1)</script>")]
    public async Task Markup_in_the_code_shows_as_text_with_the_refusals_reason_and_runs_nothing(string markup)
    {
        var visit = await fixture.OpenAsync("/entities/" + Uri.EscapeDataString(markup));
        await using var context = visit.Page.Context;
        var page = visit.Page;

        await page.Locator("#summary .fail").WaitForAsync(new() { Timeout = Wait });
        Assert.Equal($"我的企业是否被抽中：{markup}", await page.Locator("h1").TextContentAsync());
        Assert.Equal(markup, await page.Locator("#uscc").TextContentAsync());
        Assert.StartsWith("无法核验: HTTP 400: ", await page.Locator("#summary").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("main h1 *, main #uscc *, #summary span *, main img, main script").CountAsync());
        Assert.Empty(visit.Dialogs);
        Assert.True(await page.EvaluateAsync<bool>("() => window.pwned === undefined"));
        Assert.Empty(visit.Refusals);
    }

    [Fact]
    public async Task In_English_the_page_shows_no_chinese_of_ours()
    {
        var context = await fixture.Browser.NewContextAsync();
        await using var closing = context;
        await context.AddInitScriptAsync("localStorage.setItem('fairdraw.language', 'en')");
        var visit = await fixture.OpenAsync($"/entities/{fixture.PublishedEntity}", context);
        var page = visit.Page;

        var round = Round(page, DrawHost.TaskId, 1);
        await round.WaitForAsync(new() { Timeout = Wait });
        await page.Locator("#entity-results tbody tr").First.WaitForAsync(new() { Timeout = Wait });
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal($"Was my enterprise drawn? {fixture.PublishedEntity}", await page.Locator("h1").TextContentAsync());
        Assert.Equal("pass", await round.Locator(".verdict").TextContentAsync());
        Assert.StartsWith("selected: rank ", await round.Locator(".fate").TextContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", await page.EvaluateAsync<string>(ReadingThePortalInEnglish.PageText));
        Assert.Empty(visit.Refusals);
    }

    /// <summary>
    /// Not a timed assertion: the per-entity check beside the full verification of the same round, in the same chromium,
    /// five runs each, written to the test's output (docs/performance.md quotes it).
    /// </summary>
    [Fact]
    public async Task The_per_entity_check_is_timed_beside_the_full_verification_of_the_same_round()
    {
        var visit = await fixture.OpenAsync($"/entities/{fixture.PublishedEntity}");
        await using var context = visit.Page.Context;
        var page = visit.Page;
        await Round(page, DrawHost.TaskId, 1).WaitForAsync(new() { Timeout = Wait });

        var timings = await page.EvaluateAsync<JsonElement>(
            """
            async ([uscc, task]) => {
              const { verifyEntityDraw } = await import('/verifier/entity-proof.mjs');
              const { verifyBundle } = await import('/verifier/draw-verifier.mjs');
              const found = await (await fetch(`/api/public/entities/${uscc}/draws`)).json();
              const entry = found.draws.find((d) => d.taskId === task && d.round === 1);
              const bundle = await (await fetch(`/api/tasks/${task}/draw/evidence?round=1`)).json();
              const time = async (work) => {
                const started = performance.now();
                const result = await work();
                return [performance.now() - started, result.outcome];
              };
              const runs = [];
              for (let i = 0; i < 5; i++) {
                runs.push({ entity: await time(() => verifyEntityDraw(entry)), full: await time(() => verifyBundle(bundle)) });
              }
              return { runs };
            }
            """, new[] { fixture.PublishedEntity, DrawHost.TaskId });

        var runs = timings.GetProperty("runs").EnumerateArray().Select(run => (
            Entity: run.GetProperty("entity")[0].GetDouble(), EntityOutcome: run.GetProperty("entity")[1].GetString(),
            Full: run.GetProperty("full")[0].GetDouble(), FullOutcome: run.GetProperty("full")[1].GetString())).ToList();
        Assert.All(runs, run => Assert.Equal(("pass", "pass"), (run.EntityOutcome, run.FullOutcome)));
        var ratios = runs.Select(run => run.Entity / run.Full).Order().ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verifyEntityDraw / verifyBundle, same round, same chromium, 5 runs: " +
            $"median {ratios[2]:F4} (range {ratios[0]:F4}–{ratios[4]:F4}); " +
            $"per-entity ms {string.Join(", ", runs.Select(run => run.Entity.ToString("F1", CultureInfo.InvariantCulture)))}; " +
            $"full ms {string.Join(", ", runs.Select(run => run.Full.ToString("F1", CultureInfo.InvariantCulture)))}"));
    }
}
