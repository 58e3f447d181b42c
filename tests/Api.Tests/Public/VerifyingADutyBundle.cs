using System.Text.Json.Nodes;
using FairDraw.Api.Tests.Support;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace FairDraw.Api.Tests.Public;

/// <summary>
/// 履职核验 in a real browser: the duty bundle of verifier/fixtures/duty-bundle.json (written by
/// verifier/fixture-duty-bundle.mjs, signed with the test key of docs/ledger-integrity.md and cosigned by its test witness)
/// is chosen as a file, verified in chromium under the keys the visitor enters, and its report printed to PDF; a tampered
/// copy fails by name; markup in the bundle's strings is shown as text and runs nothing.
/// </summary>
[Collection(nameof(PublicPageCollection))]
public sealed class VerifyingADutyBundle(PublicPageHost fixture)
{
    private const string WitnessKey = "witness.example/discipline-office+60d7bbf6+BAyF0Ca3jxvA1uaY2HjKO8G497JkMbxoOIBgx+o1Odt9";
    private const string Markup = "<img src=x onerror=\"document.title='pwned'\">";

    private static JsonNode Bundle() => JsonNode.Parse(File.ReadAllText(
        Path.Combine(Repository.Root, "verifier", "fixtures", "duty-bundle.json")))!;

    private Task<Visit> VerifyAsync(JsonNode bundle) =>
        VerifyAsync(System.Text.Encoding.UTF8.GetBytes(bundle.ToJsonString()), CheckpointTestKeyText, WitnessKey);

    /// <summary>Opens /duty, chooses <paramref name="bundle"/> as the file, enters the keys and waits for the verdict.</summary>
    private async Task<Visit> VerifyAsync(byte[] bundle, string ledgerKey, string witnessKey, IBrowserContext? context = null)
    {
        var visit = await fixture.OpenAsync("/duty", context);
        await visit.Page.Locator("#bundle").SetInputFilesAsync(new FilePayload { Name = "duty-bundle.json", MimeType = "application/json", Buffer = bundle });
        await visit.Page.Locator("#key").FillAsync(ledgerKey);
        await visit.Page.Locator("#witnesses").FillAsync(witnessKey);
        await visit.Page.Locator("#run").ClickAsync();
        await visit.Page.Locator("#summary .pass, #summary .fail").WaitForAsync(new() { Timeout = 60_000 });
        return visit;
    }

    /// <summary>The spec's vector (docs/duty-report.md §8), a bundle the .NET server wrote, and its keys.</summary>
    private static (byte[] Bundle, string LedgerKey, string WitnessKey) SpecVector()
    {
        var folder = Path.Combine(Repository.Root, "docs", "duty-vectors");
        var keys = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "keys.json")))!;
        return (File.ReadAllBytes(Path.Combine(folder, "bundle.json")),
            keys["ledgerKey"]!.GetValue<string>(), keys["witnesses"]![0]!.GetValue<string>());
    }

    /// <summary>tests/Ledger.Tests/Integrity/CheckpointTestKey.cs's verifier key (that project is not referenced here).</summary>
    private const string CheckpointTestKeyText =
        "fairdraw.example/ledger+ede11730+AjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABDyyCyJtCdx59+BbQ9QHt/YTF0wWpqxcI0ONDIISCxCC7YeuO4FRdK+7sdfXSE8QbSLOlEuASbCDKJVS3Bu1juY=";

    [Fact]
    public async Task A_good_bundle_verifies_in_the_browser_and_shows_each_clauses_verdict()
    {
        var visit = await VerifyAsync(Bundle());
        await using var context = visit.Page.Context;
        var page = visit.Page;

        Assert.Equal("核验通过", await page.Locator("#summary").TextContentAsync());
        Assert.All(await page.Locator("#checks tbody tr td:first-child").AllTextContentsAsync(), outcome => Assert.Equal("通过", outcome));
        Assert.Equal("2021年度 520102 SPSC 履职情况报告", await page.Locator("#report-title").TextContentAsync());
        var verdicts = await page.Locator("#report section.clause > dl .duty-verdict").AllTextContentsAsync();
        Assert.Equal(["已履行", "已履行", "已履行", "已履行", "未履行", "未履行", "已履行"], verdicts);
        Assert.Contains("published-late", await page.Locator("#report section[data-clause='6']").TextContentAsync(), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", await page.Locator("#bundle-sha256").TextContentAsync());
        Assert.StartsWith("fairdraw.example/ledger，树大小 23，根哈希 ", await page.Locator("#checkpoint").TextContentAsync(), StringComparison.Ordinal);
        Assert.Empty(visit.Dialogs);
        Assert.Empty(visit.Refusals);
    }

    [Fact]
    public async Task The_specs_vector_verifies_in_the_browser_and_its_hash_is_the_files()
    {
        var (bundle, ledgerKey, witnessKey) = SpecVector();
        var visit = await VerifyAsync(bundle, ledgerKey, witnessKey);
        await using var context = visit.Page.Context;

        Assert.Equal("核验通过", await visit.Page.Locator("#summary").TextContentAsync());
        Assert.Equal("2022年度 520100 DUTY 履职情况报告", await visit.Page.Locator("#report-title").TextContentAsync());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bundle)), await visit.Page.Locator("#bundle-sha256").TextContentAsync());
        Assert.Equal(["未履行", "已履行", "已履行", "未履行", "期限未到", "未履行", "未履行"],
            await visit.Page.Locator("#report section.clause > dl .duty-verdict").AllTextContentsAsync());
        Assert.Empty(visit.Refusals);
    }

    [Fact]
    public async Task The_page_and_its_report_read_in_English()
    {
        var (bundle, ledgerKey, witnessKey) = SpecVector();
        var english = await fixture.Browser.NewContextAsync();
        await using var closing = english;
        await english.AddInitScriptAsync("localStorage.setItem('fairdraw.language', 'en')");
        var visit = await VerifyAsync(bundle, ledgerKey, witnessKey, english);

        Assert.Equal("Verify a duty report", await visit.Page.Locator("main h1").TextContentAsync());
        Assert.Equal("Verified", await visit.Page.Locator("#summary").TextContentAsync());
        Assert.Equal("Duty report 2022, 520100, DUTY", await visit.Page.Locator("#report-title").TextContentAsync());
        Assert.Equal("Clause 6: Every result published within 20 working days, or exempted",
            await visit.Page.Locator("#report section[data-clause='6'] h3").TextContentAsync());
        Assert.Equal("NOT fulfilled", await visit.Page.Locator("#report section[data-clause='1'] > dl .duty-verdict").TextContentAsync());
    }

    [Fact]
    public async Task A_tampered_bundle_fails_visibly_and_by_name()
    {
        var bundle = Bundle();
        var events = bundle["events"]!.AsArray();
        events[13]!["canonical"] = events[13]!["canonical"]!.GetValue<string>().Replace("2021-07-05", "2021-07-04", StringComparison.Ordinal);
        var visit = await VerifyAsync(bundle);
        await using var context = visit.Page.Context;

        Assert.StartsWith("核验不通过：tampered: the 23 events are not in the final tree of size 23", await visit.Page.Locator("#summary .fail").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await visit.Page.Locator("#report section").CountAsync());
        Assert.Empty(visit.Refusals);
    }

    [Fact]
    public async Task Markup_in_the_bundles_strings_is_shown_as_text_and_runs_nothing()
    {
        var bundle = Bundle();
        bundle["report"]!["clauses"]![4]!["findings"]![0]!["detail"] = Markup; // a finding's words are the report's, not recomputed
        var visit = await VerifyAsync(bundle);
        await using var context = visit.Page.Context;

        Assert.Equal("核验通过", await visit.Page.Locator("#summary").TextContentAsync());
        Assert.Contains(Markup, await visit.Page.Locator("#report section[data-clause='5']").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await visit.Page.Locator("#report img").CountAsync());
        Assert.Equal("履职核验 · 双随机、一公开 · 公开账本", await visit.Page.TitleAsync());
        Assert.Empty(visit.Dialogs);
        Assert.Empty(visit.Refusals);
    }

    [Fact]
    public async Task The_report_prints_to_a_pdf_with_its_title_verdicts_bundle_hash_and_checkpoint()
    {
        var visit = await VerifyAsync(Bundle());
        await using var context = visit.Page.Context;
        var hash = await visit.Page.Locator("#bundle-sha256").TextContentAsync();

        var pdf = await visit.Page.PdfAsync(new() { Format = "A4", PrintBackground = true });

        using var document = PdfDocument.Open(pdf);
        // Chromium's PDF maps some glyphs of Noto CJK to the Kangxi radicals that share them (⾏ for 行, ⼤ for 大) and
        // ligatures to their own code points (ﬃ): compatibility normalisation reads them as the characters printed.
        var text = string.Concat(document.GetPages().Select(page => page.Text)).Normalize(System.Text.NormalizationForm.FormKC);
        Assert.Contains("2021年度520102SPSC履职情况报告", text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("已履行", text, StringComparison.Ordinal);
        Assert.Contains("未履行", text, StringComparison.Ordinal);
        Assert.Contains(hash!, text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("树大小 23", text, StringComparison.Ordinal);
        // Print styles: no navigation, no form.
        Assert.DoesNotContain("企业查询", text, StringComparison.Ordinal);
        Assert.DoesNotContain("打印报告", text, StringComparison.Ordinal);
    }
}
