namespace FairDraw.Api.Tests.Public;

/// <summary>结果公示 in the browser: a published result is found by part of the enterprise's name and by its code.</summary>
public sealed partial class BrowsingThePortal
{
    [Fact]
    public async Task Search_finds_a_published_result_by_part_of_the_name_and_by_the_code()
    {
        var name = await PortalData.EntityNameAsync(fixture, fixture.PublishedEntity);
        var visit = await fixture.OpenAsync("/results?q=" + Uri.EscapeDataString(name[2..^2]));
        await using var context = visit.Page.Context;
        var page = visit.Page;

        await page.Locator("#result-count").WaitForAsync(new() { Timeout = Wait });
        var row = page.Locator("main tbody tr");
        Assert.Equal(1, await row.CountAsync());
        Assert.Equal([name, fixture.PublishedEntity], (await row.Locator("td").AllTextContentsAsync()).Take(2));

        await page.Locator("#q").FillAsync(fixture.PublishedEntity[..12]);
        await page.Locator("#results-search button").ClickAsync();
        await page.WaitForURLAsync($"**/results?q={fixture.PublishedEntity[..12]}");
        await page.Locator("#result-count").WaitForAsync(new() { Timeout = Wait });
        Assert.Equal("共 1 条公示结果", await page.Locator("#result-count").TextContentAsync());
        Assert.Equal(fixture.PublishedEntity, await row.Locator("td").Nth(1).TextContentAsync());
        Assert.Empty(visit.Refusals);
    }
}
