using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.Summary;
using FairDraw.Api.Tests.Results;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Projections.Summary;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Summary;

/// <summary>The year-end summary of <see cref="SummaryYear"/>: its figures, their replay from the events, and who may read it.</summary>
[Collection(nameof(SummaryCollection))]
public sealed class SummarisingTheYear(SummaryHost fixture)
{
    private const string CityUrl = "/api/summaries/2021?jurisdiction=520100";

    [Fact]
    public async Task Given_a_city_year_When_its_summary_is_read_Then_each_jurisdictions_figures_are_those_the_year_made()
    {
        var summary = await GetAsync(CityUrl);

        // (jurisdiction, total, covered / items, planned and drawn sample of existing, entered, approved, published,
        // on time, exemptions filed / acknowledged, follow-ups opened / closed). Coverage: the list's three items are
        // due at the city, two (not the city-coordinated 09-01) in a district. Samples: 160 enterprises at the city
        // (ceil(N_h/10) in the four risk classes: 4 + 6 + 4 + 2), 80 in each district (ceil(80/20) = 4); 云岩区's redraw
        // is not executed, so it drew none.
        var rows = summary.Rows.Select(row => (
            row.Jurisdiction, row.Total, $"{row.Coverage.Covered}/{row.Coverage.Items}",
            $"{row.Sample.PlannedSample}/{row.Sample.DrawnSample}/{row.Sample.ExistingEnterprises}",
            row.Results?.ResultsEntered, row.Results?.Approved, row.Results?.Published, row.Results?.PublishedOnTime,
            $"{row.ExemptionsFiled}/{row.ExemptionsAcknowledged}", $"{row.Results?.FollowUpsOpened}/{row.Results?.FollowUpsClosed}"));
        Assert.Equal(
            [
                ("520100", false, "1/3", "16/16/160", 3, 3, 2, 1, "1/1", "2/1"),
                ("520102", false, "1/2", "4/4/80", 2, 2, 1, 1, "0/0", "0/0"),
                ("520103", false, "2/2", "4/0/80", 0, 0, 0, 0, "0/0", "0/0"),
                ("520100", true, "2/3", "24/20/320", 5, 5, 3, 2, "1/1", "2/1"),
            ],
            rows);
        var total = summary.Rows[^1];
        Assert.Equal((66.67, 7.5, 6.25, 66.67, 50.0), (total.Coverage.Percent, total.Sample.PlannedPercent, total.Sample.DrawnPercent,
            total.Results!.OnTimePercent, total.FollowUpClosurePercent));
        Assert.Equal(
            [
                new OfficialSummary("food-division", 1, 1, 1, 0, 0, 0, 0),
                new OfficialSummary("yunyan-bureau", 1, 0, 0, 0, 0, 1, 0),
                new OfficialSummary("credit-office", 0, 0, 0, 0, 2, 0, 1),
                new OfficialSummary("nanming-bureau", 1, 0, 0, 0, 0, 0, 0),
            ],
            total.Officials);
    }

    [Fact]
    public async Task Given_a_city_year_When_its_events_are_replayed_Then_every_figure_of_the_summary_equals_the_replay()
    {
        foreach (var jurisdiction in new[] { "520100", "520102", "520103", "520000" })
        {
            var summary = await GetAsync($"/api/summaries/2021?jurisdiction={jurisdiction}");
            await using var session = fixture.Ledger.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            var scope = DivisionCode.Parse(jurisdiction);
            var sources = await SummarySources.ReplayAsync(session, 2021, scope, default);
            var replayed = YearSummaries.Compute(2021, scope, sources, summary.MeasuredOn);

            Assert.NotEmpty(summary.Rows);
            Assert.Equal(JsonSerializer.Serialize(replayed), JsonSerializer.Serialize(summary));
        }
    }

    [Theory]
    [InlineData(Role.Auditor, "520000")]
    [InlineData(Role.Investigator, "520000")]
    [InlineData(Role.CreditOffice, "520100")]
    [InlineData(Role.BusinessDivision, "520100")]
    [InlineData(Role.DistrictBureau, "520102")]
    public async Task Given_a_reader_covering_the_jurisdiction_When_the_summary_is_asked_Then_it_is_read(Role role, string own)
    {
        var summary = await GetAsync($"/api/summaries/2021?jurisdiction=520102", fixture.Ledger.Token(role, own));

        Assert.Equal(("520102", 2021), (summary.Jurisdiction, summary.Year));
    }

    [Theory]
    [InlineData(Role.Registrar, "520100", "520100")]
    [InlineData(Role.Personnel, "520100", "520100")]
    [InlineData(Role.Inspector, "520102", "520102")]
    [InlineData(Role.DistrictBureau, "520102", "520100")]
    [InlineData(Role.CreditOffice, "520103", "520102")]
    public async Task Given_a_reader_not_covering_it_When_the_summary_or_its_report_is_asked_Then_403(Role role, string own, string asked)
    {
        foreach (var path in new[] { $"/api/summaries/2021?jurisdiction={asked}", $"/api/summaries/2021/report?jurisdiction={asked}" })
        {
            await fixture.Ledger.Host.Scenario(s =>
            {
                s.Get.Url(path);
                s.As(fixture.Ledger.Token(role, own));
                s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
            });
        }
    }

    [Theory]
    [InlineData("/api/summaries/20x1?jurisdiction=520100", "year")]
    [InlineData("/api/summaries/1999?jurisdiction=520100", "year")]
    [InlineData("/api/summaries/2021?jurisdiction=5201", "jurisdiction")]
    [InlineData("/api/summaries/2021/report?jurisdiction=520100&lang=fr", "lang")]
    public async Task Given_a_bad_parameter_When_the_summary_is_asked_Then_400_names_it(string url, string field)
    {
        var problem = await fixture.Ledger.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.As(fixture.Ledger.Token(Role.Auditor));
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });

        Assert.Equal(field, await problem.FieldAsync());
    }

    private async Task<YearSummary> GetAsync(string url, string? token = null) =>
        (await fixture.Ledger.Host.GetAsJson<YearSummary>(url, token ?? fixture.Ledger.Token(Role.Auditor)))!;
}
