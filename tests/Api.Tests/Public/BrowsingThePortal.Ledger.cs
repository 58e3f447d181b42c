using System.Net.Http.Json;
using System.Text.Json;
using FairDraw.Api.Tests.Draws;
using Microsoft.Playwright;

namespace FairDraw.Api.Tests.Public;

/// <summary>
/// 账本页 in the browser: the newest checkpoint's signature verifies, the browser keeps it, proves the next one extends
/// it, and flags loudly — without overwriting the kept one — a log rewritten behind its back.
/// </summary>
public sealed partial class BrowsingThePortal
{
    private const string Kept = "fairdraw.checkpoint";

    /// <summary>Opens the ledger page in <paramref name="context"/> and waits for its verdict on the log.</summary>
    private async Task<Visit> WatchAsync(IBrowserContext context)
    {
        var visit = await fixture.OpenAsync("/ledger", context);
        await visit.Page.Locator("#watch").WaitForAsync(new() { Timeout = Wait });
        Assert.Equal("签名有效（账本公钥）", await visit.Page.Locator("#signature").TextContentAsync());
        Assert.Empty(visit.Refusals);
        return visit;
    }

    private static Task<string?> KeptAsync(IPage page) => page.EvaluateAsync<string?>($"() => localStorage.getItem('{Kept}')");

    private static Task StoreAsync(IPage page, object checkpoint) =>
        page.EvaluateAsync("([key, value]) => localStorage.setItem(key, value)", new[] { Kept, JsonSerializer.Serialize(checkpoint) });

    [Fact]
    public async Task The_ledger_page_keeps_the_checkpoint_and_proves_a_newer_one_extends_an_older_one()
    {
        var context = await fixture.Browser.NewContextAsync();
        await using var closing = context;
        var served = await fixture.Server.Client.GetFromJsonAsync<JsonElement>("/api/ledger/checkpoint");
        var size = served.GetProperty("signedNote").GetString()!.Split('\n')[1];

        var first = await WatchAsync(context);
        Assert.Equal($"本浏览器首次记录检查点（树大小 {size}），下次访问时将核验账本只增不改。", await first.Page.Locator("#watch.pass").TextContentAsync());
        var again = await WatchAsync(context);
        Assert.Equal($"与上次看到的检查点相同（树大小 {size}）。", await again.Page.Locator("#watch.pass").TextContentAsync());

        // An older checkpoint the ledger really signed: the one the drawn task's commitment was published under.
        var draw = await fixture.Server.Client.GetFromJsonAsync<JsonElement>($"/api/tasks/{DrawHost.TaskId}/draw");
        var publication = draw.GetProperty("rounds")[0].GetProperty("publication");
        var older = publication.GetProperty("checkpoint").GetString()!;
        var olderSize = publication.GetProperty("checkpointSize").GetInt64();
        await StoreAsync(again.Page, new { note = older, key = served.GetProperty("verifierKey").GetString(), size = olderSize, root = older.Split('\n')[2] });
        var grown = await WatchAsync(context);
        Assert.StartsWith($"一致：树从 {olderSize} 增长到 {size}", await grown.Page.Locator("#watch.pass").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains($"\"size\":{size}", await KeptAsync(grown.Page), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("root", "同样大小")]
    [InlineData("smaller", "树变小了")]
    [InlineData("proof", "一致性证明未通过")]
    [InlineData("key", "账本公钥与上次不同")]
    public async Task A_log_rewritten_behind_the_browsers_back_is_flagged_and_the_kept_checkpoint_is_not_overwritten(string rewrite, string reason)
    {
        var context = await fixture.Browser.NewContextAsync();
        await using var closing = context;
        var served = await fixture.Server.Client.GetFromJsonAsync<JsonElement>("/api/ledger/checkpoint");
        var key = served.GetProperty("verifierKey").GetString()!;
        var size = long.Parse(served.GetProperty("signedNote").GetString()!.Split('\n')[1], System.Globalization.CultureInfo.InvariantCulture);
        var otherRoot = Convert.ToBase64String(new byte[32]);
        var first = await WatchAsync(context);
        object stored = rewrite switch
        {
            "root" => new { note = "a checkpoint of another history", key, size, root = otherRoot },
            "smaller" => new { note = "a checkpoint of a longer history", key, size = size + 5, root = otherRoot },
            "proof" => new { note = "a checkpoint of another history", key, size = size - 1, root = otherRoot },
            _ => new { note = "a checkpoint under another key", key = key.Replace("+A", "+B", StringComparison.Ordinal), size, root = otherRoot },
        };
        await StoreAsync(first.Page, stored);
        var before = await KeptAsync(first.Page);

        var flagged = await WatchAsync(context);

        var alarm = flagged.Page.Locator("#watch.alarm[role=alert]");
        Assert.StartsWith("警告：账本可能被分叉或改写！", await alarm.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains(reason, await alarm.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await KeptAsync(flagged.Page));
    }
}
