using System.Net;
using System.Text.Json;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Duty;

namespace FairDraw.Api.Tests.Duty;

/// <summary>
/// A real year through the API (docs/duty-report.md): the report's verdicts, deadlines decided both ways by the witness's
/// clock, and who may read it.
/// </summary>
[Collection(nameof(DutyCollection))]
public sealed class ReportingADutyYear(DutyHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.YearAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<DutyReport> ReportAsync(string query, string? token = null)
    {
        var response = await fixture.GetAsync("/api/duty/reports" + query, token ?? fixture.Auditor);
        return JsonSerializer.Deserialize<DutyReport>(await response.ReadAsTextAsync(), DutyBundle.Json)!;
    }

    [Fact]
    public async Task Given_a_year_through_the_API_When_its_report_is_read_Then_each_clause_has_the_verdict_the_witnessed_events_show()
    {
        var report = await ReportAsync(DutyHost.Query());

        Assert.Equal(
            ["not-fulfilled", "fulfilled", "fulfilled", "not-fulfilled", "pending", "not-fulfilled", "not-fulfilled"],
            report.Clauses.Select(clause => clause.Verdict));
        var shortOfInspectors = Assert.Single(report.Clauses[3].Findings);
        Assert.Equal("too-few-inspectors", shortOfInspectors.Code);
        Assert.Equal(("pending", "not-inspected"), (report.Clauses[4].Findings[0].Verdict, report.Clauses[4].Findings[0].Code));
        Assert.Equal(["not-closed", "not-opened"], report.Clauses[6].Findings.Select(finding => finding.Code).Order());
        Assert.Equal(["01-01", "09-01"], report.Clauses[0].Findings.Select(finding => finding.Subject).Order());
        var late = Assert.Single(report.Clauses[5].Findings);
        Assert.Equal(("published-late", $"{DutyHost.Task}:{fixture.Late}:05-01"), (late.Code, late.Subject));
        Assert.Equal("2022-08-15T03:00:00Z", report.AsOfTime);
        Assert.Equal([DutyHost.Witness.VerifierKey], report.Witnesses!.Keys);
        Assert.All(report.Bounds, bound => Assert.True(bound.Upper is not null && bound.ServerTime.Length > 0, $"bound of {bound.Sequence}"));
    }

    [Fact]
    public async Task Given_the_report_as_of_before_the_late_publication_When_read_Then_the_result_is_pending_before_its_deadline_and_missed_after()
    {
        var now = await ReportAsync(DutyHost.Query());
        var late = now.Bounds.Single(bound => now.Clauses[5].Findings[0].Sequences.Contains(bound.Sequence)).LeafIndex;

        // Just before it, after the witness saw the log on 08-01 without it: the deadline (07-29) has passed.
        var missed = await ReportAsync(DutyHost.Query(asOf: late));
        Assert.Equal("2022-08-01T03:00:00Z", missed.AsOfTime);
        Assert.Equal(("not-fulfilled", "not-published"), Single(missed));

        // Before the log grew on 08-01, as witnessed on 07-08: still within the deadline.
        var before = await ReportAsync(DutyHost.Query(asOf: late - 1));
        Assert.Equal("2022-07-08T03:00:00Z", before.AsOfTime);
        Assert.Equal(("pending", "not-published"), Single(before));

        static (string, string) Single(DutyReport report) => Assert.Single(report.Clauses[5].Findings) is var f ? (f.Verdict, f.Code) : default;
    }

    [Fact]
    public async Task Given_an_official_When_the_report_is_read_for_them_Then_it_lists_their_steps_and_the_publication_they_let_lapse()
    {
        var report = await ReportAsync(DutyHost.Query(official: "food-division"));

        Assert.Contains(report.Performed!, step => step.Type == "plan_filed" && step.Role == "actor");
        Assert.Equal(fixture.Inspectable.Count, report.Performed!.Count(step => step.Type == "inspection_result_approved"));
        var missing = Assert.Single(report.Missing!);
        Assert.Equal(("published-late", $"{DutyHost.Task}:{fixture.Late}:05-01"), (missing.Code, missing.Subject));
    }

    [Theory]
    [InlineData(Role.Inspector, "520102")]
    [InlineData(Role.Registrar, "520100")]
    [InlineData(Role.CreditOffice, "520300")]
    [InlineData(Role.BusinessDivision, "520300")]
    public async Task Given_a_reader_outside_the_plan_When_a_report_or_bundle_is_asked_Then_403(Role role, string jurisdiction)
    {
        var token = fixture.Token(role, jurisdiction, "someone");

        await fixture.GetAsync("/api/duty/reports" + DutyHost.Query(), token, HttpStatusCode.Forbidden);
        await fixture.GetAsync("/api/duty/bundles" + DutyHost.Query(), token, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("?jurisdiction=520100&department=DUTY", "year")]
    [InlineData("?year=2022&jurisdiction=52010&department=DUTY", "jurisdiction")]
    [InlineData("?year=2022&jurisdiction=520100", "department")]
    [InlineData("?year=2022&jurisdiction=520100&department=DUTY&asOf=0", "asOf")]
    [InlineData("?year=2022&jurisdiction=520100&department=DUTY&asOf=99999999", "asOf")]
    [InlineData("?year=2022&jurisdiction=520100&department=DUTY&official=%20", "official")]
    public async Task Given_a_bad_parameter_When_a_report_is_asked_Then_400_names_it(string query, string field)
    {
        var refused = await fixture.GetAsync("/api/duty/reports" + query, fixture.Auditor, HttpStatusCode.BadRequest);

        Assert.Equal(field, (await refused.ReadAsJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Given_the_credit_office_and_the_division_of_the_city_When_they_read_the_report_Then_200()
    {
        await fixture.GetAsync("/api/duty/reports" + DutyHost.Query(), fixture.Token(Role.CreditOffice, "520100", "credit-guiyang"));
        await fixture.GetAsync("/api/duty/reports" + DutyHost.Query(), fixture.FoodDivision);
        await fixture.GetAsync("/api/duty/reports" + DutyHost.Query(), fixture.Token(Role.Investigator, "520000", "investigator"));
    }
}
