using FairDraw.Api.Tests.Draws;
using Microsoft.Playwright;

namespace FairDraw.Api.Tests.Public;

/// <summary>
/// The public verification page in a real browser: an honest draw verifies in the visitor's chromium (hashing with
/// @noble/hashes, reporting its progress), and a task id carrying markup is shown as text — no script of it runs (the
/// title stays, no dialog opens, no flag is set).
/// </summary>
[Collection(nameof(PublicPageCollection))]
public sealed class OpeningTheVerifyPage(PublicPageHost fixture)
{
    private const string Title = "摇号核验 · 双随机、一公开 · 公开账本";

    private async Task<(IPage Page, List<string> Dialogs, List<string> Refusals)> OpenAsync(string path)
    {
        var visit = await fixture.OpenAsync(path);
        return (visit.Page, visit.Dialogs, visit.Refusals);
    }

    [Fact]
    public async Task The_honest_draw_verifies_in_the_visitors_browser()
    {
        var (page, dialogs, refusals) = await OpenAsync($"/verify/{DrawHost.TaskId}");
        await using var context = page.Context;

        var verdict = page.Locator("#summary .pass");
        await verdict.WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal("核验通过", await verdict.TextContentAsync());
        Assert.Equal(DrawHost.TaskId, await page.Locator("#task").TextContentAsync());
        var results = await page.Locator("#checks-box tbody tr td:first-child").AllTextContentsAsync();
        Assert.NotEmpty(results);
        Assert.All(results, result => Assert.Equal("通过", result));
        // The drand value's BLS check ran in the browser, with @noble/curves loaded through the page's import map.
        var drand = page.Locator("#checks-box tbody tr", new() { HasText = "drand signature drand" });
        Assert.Equal("通过", await drand.Locator("td").First.TextContentAsync());
        Assert.Contains($"round {DrawRequests.DrandRound}", await drand.Locator("td").Last.TextContentAsync());
        Assert.Equal(Title, await page.TitleAsync());
        Assert.Empty(dialogs);
        Assert.Empty(refusals);
    }

    /// <summary>
    /// The verifier's hashing in the browser is @noble/hashes through the page's import map: no WebCrypto digest or HMAC
    /// (only the signatures' verify calls), nothing refused by the policy, and onProgress reports every step there.
    /// </summary>
    [Fact]
    public async Task The_browser_hashes_with_noble_not_one_webcrypto_call_per_hash()
    {
        var page = await fixture.Browser.NewPageAsync();
        await using var context = page.Context;
        var refusals = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)
                || message.Text.Contains("Trusted", StringComparison.Ordinal))
            {
                refusals.Add(message.Text);
            }
        };
        await page.AddInitScriptAsync("""
            window.subtleCalls = { digest: 0, sign: 0, verify: 0 };
            for (const name of Object.keys(window.subtleCalls)) {
              const original = crypto.subtle[name];
              crypto.subtle[name] = function counted(...args) {
                window.subtleCalls[name]++;
                return original.apply(crypto.subtle, args);
              };
            }
            """);
        var hashes = page.WaitForResponseAsync(
            r => r.Url.EndsWith("/verifier/node_modules/@noble/hashes/hmac.js", StringComparison.Ordinal));
        var evidence = page.WaitForResponseAsync(r => r.Url.Contains("/draw/evidence", StringComparison.Ordinal));
        await page.GotoAsync(new Uri(fixture.Server.Address, $"/verify/{DrawHost.TaskId}").ToString());

        await page.Locator("#summary .pass").WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal(200, (await hashes).Status);
        var calls = await page.EvaluateAsync<int[]>("() => [subtleCalls.digest, subtleCalls.sign, subtleCalls.verify]");
        Assert.Equal([0, 0], calls[..2]); // no digest, no HMAC sign
        Assert.True(calls[2] > 0, "the commitment's and the checkpoints' ECDSA signatures stay WebCrypto's");
        // Each step's last report, after the outcome: "pools 15936/15936", …
        var reported = await page.EvaluateAsync<string[]>("""
            async (text) => {
              const { verifyBundle } = await import('/verifier/draw-verifier.mjs');
              const last = new Map();
              const onProgress = ({ step, done, total }) => last.set(step, `${done}/${total}`);
              const result = await verifyBundle(JSON.parse(text), { onProgress });
              return [result.outcome, ...[...last].map(([step, progress]) => `${step} ${progress}`)];
            }
            """, await (await evidence).TextAsync());
        Assert.Equal("pass", reported[0]);
        Assert.Equal(
            ["pools", "selection", "matching", "adjustments", "ledger"], reported[1..].Select(r => r.Split(' ')[0]));
        Assert.All(reported[1..], r => Assert.Equal(r.Split(' ')[1].Split('/')[0], r.Split('/')[1]));
        Assert.Empty(refusals);
    }

    /// <summary>
    /// Under the page's policy (Trusted Types required, one named policy allowed) the verifier starts its module workers
    /// (verifier/tickets.mjs, @noble/hashes by relative path): they rank the matching's inspectors, and a verification
    /// with two workers reports what one without does, with nothing refused. The page fetches round 1's bundle again
    /// itself: its own fetch may have answered before the page's load event, so a wait for that response could miss it.
    /// </summary>
    [Fact]
    public async Task The_browser_ranks_inspectors_in_module_workers_under_the_pages_policy()
    {
        var (page, _, refusals) = await OpenAsync($"/verify/{DrawHost.TaskId}");
        await using var context = page.Context;
        await page.Locator("#summary .pass").WaitForAsync(new() { Timeout = 60_000 });

        var outcome = await page.EvaluateAsync<string[]>("""
            async (task) => {
              const { verifyBundle } = await import('/verifier/draw-verifier.mjs');
              const { rankInWorkers, ticketMaker } = await import('/verifier/tickets.mjs');
              const response = await fetch(`/api/tasks/${encodeURIComponent(task)}/draw/evidence?round=1`);
              const bundle = await response.json();
              const prk = Uint8Array.from(bundle.randomness.prk.match(/../g), (pair) => parseInt(pair, 16));
              const ids = bundle.inputs.inspectors.map((i) => i.id);
              const rankings = await rankInWorkers(ticketMaker(prk).prk, ids, [bundle.outputs.selected[0].entityId]);
              const ranked = await rankings.rankingAt(0);
              await rankings.close();
              const alone = await verifyBundle(bundle, { workers: 0 });
              const helped = await verifyBundle(bundle, { workers: 2 });
              return [ranked === null ? 'no workers' : `${ranked.length === ids.length ? 'all' : 'some'} ranked`, helped.outcome,
                JSON.stringify(helped) === JSON.stringify(alone) ? 'same' : 'different'];
            }
            """, DrawHost.TaskId);

        Assert.Equal(["all ranked", "pass", "same"], outcome);
        Assert.Empty(refusals);
    }

    [Theory]
    [InlineData("<img src=x onerror=document.title=1337>")]
    [InlineData("<img src=x onerror=\"window.pwned=1;alert(1)\">")]
    [InlineData("\"><script>window.pwned=1;alert(1)</script>")]
    [InlineData("<svg onload=window.pwned=1;alert(1)>")]
    [InlineData("<iframe srcdoc=\"<script>parent.pwned=1</script>\">")]
    public async Task A_task_id_carrying_markup_shows_as_text_and_runs_nothing(string taskId)
    {
        var (page, dialogs, _) = await OpenAsync("/verify/" + Uri.EscapeDataString(taskId));
        await using var context = page.Context;

        var failure = page.Locator("#summary .fail");
        await failure.WaitForAsync(new() { Timeout = 30_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal("无法核验", await failure.TextContentAsync());
        Assert.Equal(taskId, await page.Locator("#task").TextContentAsync());
        // The 404's detail, shown as text (up to a '/', which the server's route keeps percent-encoded).
        Assert.Contains(taskId.Split('/')[0], await page.Locator("#summary").TextContentAsync());
        Assert.Equal(0, await page.Locator("#summary *:not(span.fail), #task *").CountAsync());
        Assert.Equal(Title, await page.TitleAsync());
        Assert.Empty(dialogs);
        Assert.True(await page.EvaluateAsync<bool>("() => window.pwned === undefined"));
    }

    [Fact]
    public async Task An_address_that_is_not_valid_percent_encoding_is_shown_as_typed()
    {
        var (page, dialogs, _) = await OpenAsync("/verify/%E0%A4%3Cb%3E"); // %E0%A4 is not UTF-8
        await using var context = page.Context;

        await page.Locator("#summary .fail").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal("%E0%A4%3Cb%3E", await page.Locator("#task").TextContentAsync());
        Assert.Equal(0, await page.Locator("#task *").CountAsync());
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task The_api_reference_still_renders_under_its_own_policy()
    {
        var (page, dialogs, refusals) = await OpenAsync("/docs/");
        await using var context = page.Context;

        await page.GetByText("Fair-Draw Ledger API").First.WaitForAsync(new() { Timeout = 60_000 });
        Assert.Empty(refusals);
        Assert.Empty(dialogs);
    }
}
