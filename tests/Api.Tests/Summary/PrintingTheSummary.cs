using System.Globalization;
using System.Text;
using FairDraw.Api.Summary;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace FairDraw.Api.Tests.Summary;

/// <summary>
/// The printable report in Debian's chromium, opened with an auditor's token (the report is not public): its table and
/// charts against the JSON summary, the site's policy unbroken, and its PDF's text.
/// </summary>
[Collection(nameof(SummaryCollection))]
public sealed class PrintingTheSummary(SummaryHost fixture)
{
    private const string Report = "api/summaries/2021/report?jurisdiction=520100";

    [Fact]
    public async Task Given_a_city_year_When_the_report_is_opened_and_printed_Then_its_table_charts_and_pdf_show_the_summarys_figures()
    {
        var summary = await SummaryAsync();
        var (page, violations) = await OpenAsync(Report);

        var rows = await page.Locator("table.figures tbody tr").AllAsync();
        Assert.Equal(summary.Rows.Count, rows.Count);
        foreach (var (row, figures) in rows.Zip(summary.Rows))
        {
            var cells = await row.Locator("td").AllInnerTextsAsync();
            Assert.Equal(
                [
                    $"{figures.Coverage.Items}", $"{figures.Coverage.Covered}", $"{figures.Results?.ResultsEntered ?? 0}",
                    $"{figures.Results?.Published ?? 0}",
                ],
                [cells[1], cells[2], cells[7], cells[9]]);
        }

        var charts = await page.Locator("svg[data-chart]").AllAsync();
        Assert.Equal(
            ["coverage", "on-time", "closure"],
            (await Task.WhenAll(charts.Select(chart => chart.GetAttributeAsync("data-chart")))).Select(name => name ?? ""));
        var expected = new Dictionary<string, Func<SummaryRow, double?>>
        {
            ["coverage"] = row => row.Coverage.Percent,
            ["on-time"] = row => row.Results?.OnTimePercent,
            ["closure"] = row => row.FollowUpClosurePercent,
        };
        foreach (var chart in charts)
        {
            var share = expected[(await chart.GetAttributeAsync("data-chart"))!];
            var groups = await chart.Locator("g").AllAsync();
            Assert.Equal(summary.Rows.Count, groups.Count);
            foreach (var (group, figures) in groups.Zip(summary.Rows))
            {
                var bars = await group.Locator("rect.bar").AllAsync();
                Assert.Equal(share(figures) is null ? 0 : 1, bars.Count);
                foreach (var bar in bars)
                {
                    var width = double.Parse((await bar.GetAttributeAsync("width"))!, CultureInfo.InvariantCulture);
                    Assert.Equal(share(figures)!.Value / 100 * SummaryReport.BarScale, width, 2);
                }
            }
        }

        // The stylesheet loaded under the site's policy: the bars are filled by it, and nothing was refused.
        Assert.Equal(
            "rgb(43, 108, 176)", await page.Locator("svg rect.bar").First.EvaluateAsync<string>("bar => getComputedStyle(bar).fill"));
        Assert.Empty(violations);

        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true });
        using var document = PdfDocument.Open(pdf);
        // The CJK font's ToUnicode map names some characters by their Kangxi radical forms (⼯ U+2F2F for 工); NFKC folds them back.
        var text = string.Concat(document.GetPages().Select(printed => printed.Text)).Normalize(NormalizationForm.FormKC);
        Assert.True(document.NumberOfPages >= 3, $"{document.NumberOfPages} pages");
        Assert.Contains("2021年度双随机抽查工作总结", text, StringComparison.Ordinal);
        Assert.Contains("520102", text, StringComparison.Ordinal);
        Assert.Contains("66.67%", text, StringComparison.Ordinal);
        Assert.Contains("food-division", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_the_english_report_When_opened_Then_its_headings_are_english_and_its_figures_the_same()
    {
        var (page, violations) = await OpenAsync(Report + "&lang=en");

        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("Year-end summary 2021 (520100)", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("520100 total", await page.Locator("table.figures tbody tr").Last.Locator("td").First.InnerTextAsync());
        Assert.Empty(violations);
    }

    private async Task<(IPage Page, List<string> Violations)> OpenAsync(string path)
    {
        var context = await fixture.Browser.NewContextAsync(new()
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + fixture.Ledger.Token(Role.Auditor) },
        });
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        var response = await page.GotoAsync(new Uri(fixture.Server.Address, path).ToString());
        Assert.Equal(200, response!.Status);
        return (page, violations);
    }

    /// <summary>The JSON summary, read beside the page (the same schema; open follow-ups' ages follow each server's clock).</summary>
    private async Task<YearSummary> SummaryAsync() =>
        (await fixture.Ledger.Host.GetAsJson<YearSummary>("/api/summaries/2021?jurisdiction=520100", fixture.Ledger.Token(Role.Auditor)))!;
}
