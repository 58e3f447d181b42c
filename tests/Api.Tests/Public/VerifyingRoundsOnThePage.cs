using System.Net;
using FairDraw.Ledger.Plans;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Plans;
using FairDraw.Api.Tests.Support;
using NodaTime;

namespace FairDraw.Api.Tests.Public;

/// <summary>
/// The verification page lists every round of a task with its state and outcome, in the visitor's browser: a task whose
/// executed round was set aside and redrawn needs attention; the set-aside round's own checks pass, and the page shows
/// its sample and why it was set aside. A task of its own (a second plan), so the collection's T01 stays as it is.
/// </summary>
[Collection(nameof(PublicPageCollection))]
public sealed class VerifyingRoundsOnThePage(PublicPageHost fixture)
{
    private const string TaskId = "2021-520100-SJJ-T02";

    [Fact]
    public async Task Every_round_is_listed_with_its_state_and_the_set_aside_round_shows_its_sample_and_reason()
    {
        var ledger = fixture.Ledger;
        ledger.Clock.Reset(Instant.FromUtc(2021, 3, 1, 9, 0));
        var plan = new DraftPlan(2021, "520100", "SJJ", "贵阳市市场监管综合行政执法支队", PlanHost.List, [PlanHost.FoodTask("T02", "1/10")]);
        await ledger.PostAsync("/api/plans", plan, ledger.FoodDivision, HttpStatusCode.Created);
        await ledger.PostAsync("/api/plans/2021-520100-SJJ/filing", null, ledger.FoodDivision);
        await ledger.DrawUntilAsync(TaskId, ledger.FoodDivision, "end");
        await ledger.SetAsideAndRedrawAsync(TaskId, 1, ledger.FoodDivision);

        var page = await fixture.Browser.NewPageAsync();
        await using var context = page.Context;
        await page.GotoAsync(new Uri(fixture.Server.Address, $"/verify/{TaskId}").ToString());

        // The page's clock is the real one: round 2, committed in 2021 and never published, has lapsed by now.
        var verdict = page.Locator("#summary .attention");
        await verdict.WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal("需关注", await verdict.TextContentAsync());
        var rows = page.Locator("#rounds-box tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        Assert.Equal(["1", "已撤销", "需关注"], (await rows.Nth(0).Locator("td").AllTextContentsAsync()).Take(3));
        Assert.Equal(["2", "已失效", "需关注"], (await rows.Nth(1).Locator("td").AllTextContentsAsync()).Take(3));
        Assert.Contains("the drawn park was closed", await rows.Nth(0).Locator("td").Nth(3).TextContentAsync(), StringComparison.Ordinal);

        await rows.Nth(0).Locator("button").ClickAsync();
        Assert.Equal("第1轮：已撤销 — 需关注", await page.Locator("#shown").TextContentAsync());
        var results = await page.Locator("#checks-box tbody tr td:first-child").AllTextContentsAsync();
        Assert.NotEmpty(results);
        Assert.All(results, result => Assert.Equal("通过", result));
        Assert.Equal(16, await page.Locator("#sample tbody tr").CountAsync());
        Assert.Equal(0, await page.Locator("#rounds-box td:nth-child(4) *").CountAsync());
    }
}
