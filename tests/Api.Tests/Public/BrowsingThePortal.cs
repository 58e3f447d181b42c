using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FairDraw.Api.Tests.Draws;
using Microsoft.Playwright;

namespace FairDraw.Api.Tests.Public;

/// <summary>
/// The portal's pages in the visitor's chromium: each renders its data under the site's policy (no refusal logged),
/// a round in progress never hides the executed round before it, a tampered bundle fails visibly, the language switch
/// changes the texts, and markup in an address or a query shows as text and runs nothing.
/// </summary>
[Collection(nameof(PublicPageCollection))]
public sealed partial class BrowsingThePortal(PublicPageHost fixture) : IAsyncLifetime
{
    private const int Wait = 60_000;

    public Task InitializeAsync() => PortalData.EnsureAsync(fixture);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_home_page_shows_the_plans_draw_states_waiting_commitments_and_the_newest_checkpoint()
    {
        var visit = await fixture.OpenAsync("/");
        await using var context = visit.Page.Context;
        var page = visit.Page;

        await page.Locator("#plans table").First.WaitForAsync(new() { Timeout = Wait });
        var drawn = page.Locator("#plans tr", new() { HasText = DrawHost.TaskId });
        Assert.Equal("已分派", await drawn.Locator("td").Nth(3).TextContentAsync());
        Assert.Equal($"/verify/{DrawHost.TaskId}", await drawn.Locator("td").Nth(4).Locator("a").GetAttributeAsync("href"));
        Assert.Equal("对象池已冻结", await page.Locator("#plans tr", new() { HasText = PortalData.RedrawnTask }).Locator("td").Nth(3).TextContentAsync());
        var waiting = await page.Locator("#pending li").AllTextContentsAsync();
        var line = Assert.Single(waiting);
        var day = $"{PortalData.Resolves.Year}年{PortalData.Resolves.Month}月{PortalData.Resolves.Day}日";
        Assert.StartsWith($"任务 {PortalData.WaitingTask} 第1轮将使用 drand 第 {PortalData.DrandRound} 轮（default，预计 ", line, StringComparison.Ordinal);
        Assert.Contains($"与 福彩3D {PortalData.Resolves.Year}年第 {PortalData.Issue} 期（{day} 21:30（北京时间）开奖）", line, StringComparison.Ordinal);
        Assert.Contains("承诺须在", line, StringComparison.Ordinal);
        Assert.Contains("520100", await page.Locator("#jurisdictions").TextContentAsync(), StringComparison.Ordinal);
        Assert.NotEqual(0, await page.Locator("#item-lists li").CountAsync());
        var served = await fixture.Server.Client.GetFromJsonAsync<JsonElement>("/api/ledger/checkpoint");
        Assert.Equal(served.GetProperty("signedNote").GetString()!.Split('\n')[1], await page.Locator("#checkpoint dd").First.TextContentAsync());
        Assert.Empty(visit.Refusals);
    }

    [Fact]
    public async Task The_task_page_shows_the_executed_round_set_aside_and_the_new_round_in_progress()
    {
        var visit = await fixture.OpenAsync($"/tasks/{PortalData.RedrawnTask}");
        await using var context = visit.Page.Context;
        var page = visit.Page;

        var current = page.Locator("#round-2[data-state=frozen]");
        await current.WaitForAsync(new() { Timeout = Wait });
        Assert.Equal("本轮尚在进行中，以下为目前已记录的步骤。", await current.Locator(".notice").TextContentAsync());
        var executed = page.Locator("#round-1[data-state=set-aside]");
        Assert.Contains(DrawRequests.SetAside.Reason!, await executed.Locator(".notice").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal($"/verify/{PortalData.RedrawnTask}?round=1", await executed.GetByText("在浏览器中核验第1轮").GetAttributeAsync("href"));
        Assert.Equal(0, await current.GetByText("在浏览器中核验第2轮").CountAsync());

        // The selection is paged and filtered in the browser: one entity typed, one row shown.
        var selection = executed.Locator(".paged").First;
        var rows = selection.Locator("tbody tr");
        var shown = await rows.CountAsync();
        Assert.InRange(shown, 1, 50);
        var entity = await rows.Nth(0).Locator("td").Nth(2).TextContentAsync();
        await selection.Locator("input[type=search]").FillAsync(entity!);
        Assert.Equal(1, await rows.CountAsync());
        Assert.Empty(visit.Refusals);
    }

    [Fact]
    public async Task A_round_in_progress_does_not_hide_the_executed_round_on_the_verify_page()
    {
        var visit = await fixture.OpenAsync($"/verify/{PortalData.RedrawnTask}");
        await using var context = visit.Page.Context;
        var page = visit.Page;

        await page.Locator("#summary .attention").WaitForAsync(new() { Timeout = Wait });
        var rows = page.Locator("#rounds-box tbody tr");
        Assert.Equal(["1", "已撤销", "需关注"], (await rows.Nth(0).Locator("td").AllTextContentsAsync()).Take(3));
        Assert.Equal(["2", "已冻结", "进行中"], (await rows.Nth(1).Locator("td").AllTextContentsAsync()).Take(3));
        Assert.Equal("第1轮：已撤销 — 需关注", await page.Locator("#shown").TextContentAsync());
        var results = await page.Locator("#checks-box tbody tr td:first-child").AllTextContentsAsync();
        Assert.NotEmpty(results);
        Assert.All(results, result => Assert.Equal("通过", result));
        Assert.Matches("^第1轮证据包：传输 [0-9,]+ 字节，解压后 [0-9,]+ 字节$", await page.Locator("#sizes li").TextContentAsync());
        Assert.Equal(await page.Locator("#progress").GetAttributeAsync("max"), await page.Locator("#progress").EvaluateAsync<string>("p => String(p.value)"));
        Assert.Empty(visit.Refusals);
    }

    [Fact]
    public async Task A_bundle_tampered_on_its_way_to_the_browser_fails_visibly()
    {
        var context = await fixture.Browser.NewContextAsync();
        await using var closing = context;
        await context.RouteAsync("**/draw/evidence?round=1", async route =>
        {
            var response = await route.FetchAsync();
            var bundle = JsonNode.Parse(await response.TextAsync())!;
            var selected = bundle["outputs"]!["selected"]![0]!;
            selected["entityId"] = selected["entityId"]!.GetValue<string>()[..^1] + "0";
            await route.FulfillAsync(new() { Response = response, Body = bundle.ToJsonString() });
        });
        var visit = await fixture.OpenAsync($"/verify/{DrawHost.TaskId}", context);

        var failure = visit.Page.Locator("#summary .fail");
        await failure.WaitForAsync(new() { Timeout = Wait });
        Assert.Equal("核验不通过", await failure.TextContentAsync());
        Assert.Contains("未通过", await visit.Page.Locator("#rounds-box tbody tr").First.TextContentAsync(), StringComparison.Ordinal);
        Assert.NotEqual(0, await visit.Page.Locator("#checks-box td span.fail").CountAsync());
    }

    [Fact]
    public async Task The_language_switch_changes_the_texts_and_the_document_language_and_is_remembered()
    {
        var context = await fixture.Browser.NewContextAsync();
        await using var closing = context;
        var visit = await fixture.OpenAsync("/", context);
        var page = visit.Page;
        await page.Locator("#plans table").First.WaitForAsync(new() { Timeout = Wait });
        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));

        await page.Locator("#language").ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Random inspections: the public ledger" }).WaitForAsync(new() { Timeout = Wait });
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("Published results", await page.Locator("nav a[href='/results']").TextContentAsync());
        Assert.Equal("assigned", await page.Locator("#plans tr", new() { HasText = DrawHost.TaskId }).Locator("td").Nth(3).TextContentAsync());

        var other = await fixture.OpenAsync("/ledger", context);
        await other.Page.GetByRole(AriaRole.Heading, new() { Name = "The public ledger" }).WaitForAsync(new() { Timeout = Wait });
        await other.Page.Locator("#language").ClickAsync();
        await other.Page.GetByRole(AriaRole.Heading, new() { Name = "公开账本" }).WaitForAsync(new() { Timeout = Wait });
        Assert.Empty(visit.Refusals.Concat(other.Refusals));
    }

    [Fact]
    public async Task The_enterprise_search_of_the_header_goes_to_the_enterprise_page()
    {
        var visit = await fixture.OpenAsync("/results");
        await using var context = visit.Page.Context;

        await visit.Page.Locator("#entity-code").FillAsync(fixture.PublishedEntity.ToLowerInvariant());
        await visit.Page.Locator("#entity-search button").ClickAsync();
        await visit.Page.WaitForURLAsync($"**/entities/{fixture.PublishedEntity}");
    }

    [Theory]
    [InlineData("<img src=x onerror=\"window.pwned=1;alert(1)\">")]
    [InlineData("\"><script>window.pwned=1;alert(1)</script>")]
    public async Task Markup_in_a_task_id_or_a_search_shows_as_text_and_runs_nothing(string markup)
    {
        var context = await fixture.Browser.NewContextAsync();
        await using var closing = context;
        var task = await fixture.OpenAsync("/tasks/" + Uri.EscapeDataString(markup), context);
        await task.Page.Locator("main .fail").WaitForAsync(new() { Timeout = Wait });
        Assert.Equal($"抽查任务 {markup}", await task.Page.Locator("h1").TextContentAsync());
        Assert.Equal(0, await task.Page.Locator("main h1 *, main .fail *").CountAsync());

        var search = await fixture.OpenAsync("/results?q=" + Uri.EscapeDataString(markup), context);
        await search.Page.Locator("#result-count").WaitForAsync(new() { Timeout = Wait });
        Assert.Equal(markup, await search.Page.Locator("#q").InputValueAsync());
        Assert.Equal("共 0 条公示结果", await search.Page.Locator("#result-count").TextContentAsync());
        foreach (var visit in new[] { task, search })
        {
            Assert.Empty(visit.Dialogs);
            Assert.True(await visit.Page.EvaluateAsync<bool>("() => window.pwned === undefined"));
        }
    }
}
