using System.Xml.Linq;
using FairDraw.Api.Summary;
using NodaTime;

namespace FairDraw.Api.Tests.Summary;

/// <summary>The report's page without a server: what comes from the data is text, never markup.</summary>
public sealed class RenderingTheReport
{
    private const string Hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";

    [Fact]
    public void Given_an_official_named_like_markup_When_the_report_is_rendered_Then_the_name_is_encoded_text_and_no_element_is_added()
    {
        var row = new SummaryRow(
            "520100", false, new SummaryCoverage(0, 0, null, []), new SummarySample(0, 0, 0, null, 0, null), null, 0, 0, null,
            [new OfficialSummary(Hostile, 1, 0, 0, 0, 0, 0, 0)]);

        var html = SummaryReport.Render(new YearSummary(2021, "520100", new LocalDate(2022, 1, 4), [row]), english: false);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        var page = XElement.Parse(html[html.IndexOf("<html", StringComparison.Ordinal)..]);
        Assert.Contains(page.Descendants("td"), cell => cell.Value == Hostile);
        Assert.DoesNotContain(page.Descendants(), element => element.Name.LocalName is "script" or "img");
    }
}
