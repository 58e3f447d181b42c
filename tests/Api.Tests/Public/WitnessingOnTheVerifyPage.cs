using FairDraw.Api.Tests.Draws;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Api.Tests.Public;

/// <summary>
/// The verification page reports witnessing: not run when the server configures no witnesses and the visitor gives
/// none, and checked against the witness keys the visitor gives (from outside the bundle), saying where they came from.
/// </summary>
[Collection(nameof(PublicPageCollection))]
public sealed class WitnessingOnTheVerifyPage(PublicPageHost fixture)
{
    [Fact]
    public async Task Without_witness_keys_witnessing_is_not_run_and_the_draw_still_verifies()
    {
        var page = await fixture.Browser.NewPageAsync();
        await using var context = page.Context;
        await page.GotoAsync(new Uri(fixture.Server.Address, $"/verify/{DrawHost.TaskId}").ToString());

        await page.Locator("#summary .pass").WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal("见证：未执行", await page.Locator("#witnessing .not-run").TextContentAsync());
        Assert.Contains("本服务器未配置见证人", await page.Locator("#witnessing").TextContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Witness_keys_the_visitor_gives_that_never_cosigned_fail_the_draw_and_are_named_as_theirs()
    {
        var page = await fixture.Browser.NewPageAsync();
        await using var context = page.Context;
        await page.GotoAsync(new Uri(fixture.Server.Address, $"/verify/{DrawHost.TaskId}").ToString());
        await page.Locator("#summary .pass").WaitForAsync(new() { Timeout = 60_000 });

        await page.Locator("#witnesses").FillAsync(new Cosigner("witness.test/visitor", Cosigner.NewSeed()).Key.VerifierKeyText());
        await page.Locator("#run").ClickAsync();

        await page.Locator("#summary .fail").WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal("核验不通过：witnessing", await page.Locator("#summary").TextContentAsync());
        var witnessing = await page.Locator("#witnessing").TextContentAsync();
        Assert.StartsWith("见证：不满足", witnessing, StringComparison.Ordinal);
        Assert.Contains("0 of 1 witnesses cosigned (quorum 1)", witnessing, StringComparison.Ordinal);
        Assert.EndsWith("见证人公钥来源：您填写的见证人公钥", witnessing, StringComparison.Ordinal);
    }
}
