using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.Anomalies;
using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Anomalies;
using FairDraw.Ledger.Draws;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace FairDraw.Api.Tests.Anomalies;

/// <summary>
/// The per-official anomaly view over a year of four officials' draws in Guiyang, one of whom substitutes far more often
/// than the others: flagged, with the events behind the flag, and the peers not.
/// </summary>
[Collection(nameof(AnomalyCollection))]
public sealed class FlaggingOfficials(AnomalyHost host) : IAsyncLifetime
{
    private readonly DrawHost fixture = host.Draws;

    private static readonly string[] Officials = ["division-a", "division-b", "division-c", "division-d"];

    private const int Objects = 20;

    private const string Url = $"{OfficialAnomaliesEndpoint.Path}?year=2021&jurisdiction=520100";

    private string Auditor => fixture.Token(Role.Auditor, "520000", "auditor");

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// One task per official, each frozen, assigned over 20 objects and adjusted: division-a substitutes 12 of them, the
    /// others one each. Appended directly after one freeze through the API (the template): four full draws through the
    /// API would each wait on drand checks, and the view reads only the events. Returns each official's substitutions.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyList<long>>> SeedYearAsync()
    {
        await fixture.StepAsync(DrawHost.TaskId, "pool", new FreezePool(null), fixture.FoodDivision);
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession();
        var template = (PoolFrozen)(await session.Events.FetchStreamAsync(StreamKeys.Task(DrawHost.TaskId)))[0].Data;
        var at = fixture.Clock.GetCurrentInstant();
        foreach (var (official, i) in Officials.Select((official, i) => (official, i)))
        {
            var taskId = $"{DrawHost.PlanId}-A{i + 1}";
            var substitutions = i == 0 ? 12 : 1;
            var assignments = Enumerable.Range(0, Objects).Select(n => new EntityAssignmentRecord("A", fixture.Entities[n], []));
            session.Events.StartStream(StreamKeys.Task(taskId), [
                template with { TaskId = taskId, FrozenBy = official, FrozenAt = at },
                new InspectorsAssigned(taskId, 1, [.. assignments], [], official, at),
                .. Enumerable.Range(0, substitutions).Select(n => new EntitySubstituted(
                    taskId, 1, "A", fixture.Entities[n], fixture.Entities[100 + n], 30 + n, $"{n:x2}", "已注销 / deregistered",
                    "注销公告", "credit-office", new EntityAssignmentRecord("A", fixture.Entities[100 + n], []), official, at))]);
        }

        await StreamAppend.SaveAsync(session);
        var written = new Dictionary<string, IReadOnlyList<long>>();
        foreach (var (official, i) in Officials.Select((official, i) => (official, i)))
        {
            var events = await session.Events.FetchStreamAsync(StreamKeys.Task($"{DrawHost.PlanId}-A{i + 1}"));
            written[official] = [.. events.Where(e => e.Data is EntitySubstituted).Select(e => e.Sequence)];
        }

        return written;
    }

    [Fact]
    public async Task Given_one_official_substituting_12_of_20_objects_and_peers_1_each_Then_only_that_one_is_flagged_with_the_events()
    {
        var written = await SeedYearAsync();

        var report = await fixture.Host.GetAsJson<OfficialAnomalyReport>(Url, Auditor);

        var a = report!.Officials.Single(official => official.Official == "division-a").Figures
            .Single(figure => figure.Measure == OfficialActs.Substitutions.Name);
        Assert.Equal((12, Objects, 3, 3 * Objects, true), (a.Count, a.Trials, a.PeerCount, a.PeerTrials, a.Flagged));
        Assert.Equal(BinomialTail.AtLeast(12, Objects, 3.0 / (3 * Objects)), a.PValue);
        Assert.Equal(
            written["division-a"].Select(sequence =>
                new EventCitation(sequence, StreamKeys.Task($"{DrawHost.PlanId}-A1"), "entity_substituted")),
            a.Events);
        Assert.Equal(
            [("division-a", OfficialActs.Substitutions.Name)],
            report.Officials.SelectMany(o => o.Figures.Where(figure => figure.Flagged).Select(figure => (o.Official, figure.Measure))));
        Assert.All(
            report.Officials.Where(official => official.Official != "division-a").SelectMany(official => official.Figures),
            figure => Assert.Empty(figure.Events));
        // Tests run: the three adjustment measures of the four assigning officials, and redraws of the five who froze.
        Assert.Equal(new AppliedRule(0.01, 3, (3 * 4) + 5, 0.01 / 17), report.Rule);
        Assert.Equal(OfficialActs.All, report.Measures);

        // The flag's events are the ones their receipts prove.
        await fixture.CheckpointAsync();
        var receipt = await fixture.Host.GetAsJson<JsonElement>($"/api/ledger/receipts/{a.Events[0].Sequence}", Auditor);
        Assert.Equal(a.Events[0].Sequence, receipt.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task The_view_counts_what_the_draw_adjustment_statistics_count_for_every_official()
    {
        await SeedYearAsync();
        var report = await fixture.Host.GetAsJson<OfficialAnomalyReport>(Url, Auditor);
        var statistics = await fixture.Host.GetAsJson<IReadOnlyList<OfficialAdjustments>>(
            "/api/statistics/draw-adjustments?year=2021&jurisdiction=520100", Auditor);

        int Count(string official, Measure measure) => report!.Officials.SingleOrDefault(o => o.Official == official)?.Figures
            .Single(figure => figure.Measure == measure.Name).Count ?? 0;
        Assert.All(statistics!, row => Assert.Equal(
            (row.Substitutions, row.Reassignments, row.ManualReassignments, row.Lapses),
            (Count(row.Official, OfficialActs.Substitutions),
                Count(row.Official, OfficialActs.NextTicketReassignments)
                    + Count(row.Official, OfficialActs.ManualReassignments),
                Count(row.Official, OfficialActs.ManualReassignments), Count(row.Official, OfficialActs.LapsedRounds))));
        Assert.Equal([12, 1, 1, 1], Officials.Select(official => statistics!.Single(row => row.Official == official).Substitutions));
    }

    [Theory]
    [InlineData(Role.Auditor, "520000", HttpStatusCode.OK)]
    [InlineData(Role.Investigator, "520102", HttpStatusCode.OK)]
    [InlineData(Role.CreditOffice, "520100", HttpStatusCode.OK)]
    [InlineData(Role.CreditOffice, "520102", HttpStatusCode.Forbidden)]
    [InlineData(Role.BusinessDivision, "520100", HttpStatusCode.Forbidden)]
    [InlineData(Role.Registrar, "520100", HttpStatusCode.Forbidden)]
    public async Task Auditors_investigators_and_the_credit_office_covering_the_jurisdiction_read_the_views_and_no_one_else(
        Role role, string jurisdiction, HttpStatusCode status)
    {
        var token = fixture.Token(role, jurisdiction, "reader");
        foreach (var url in new[] { Url, $"{PreFreezeChangesEndpoint.Path}?year=2021&jurisdiction=520100" })
        {
            await fixture.Host.Scenario(s =>
            {
                s.Get.Url(url);
                s.As(token);
                s.StatusCodeShouldBe(status);
            });
        }
    }

    [Theory]
    [InlineData("year=1999&jurisdiction=520100", "year")]
    [InlineData("jurisdiction=520100", "year")]
    [InlineData("year=2021&jurisdiction=5201", "jurisdiction")]
    [InlineData("year=2021", "jurisdiction")]
    public async Task A_malformed_query_is_a_problem_naming_the_field(string query, string field)
    {
        foreach (var path in new[] { OfficialAnomaliesEndpoint.Path, PreFreezeChangesEndpoint.Path })
        {
            var refusal = await fixture.Host.Scenario(s =>
            {
                s.Get.Url($"{path}?{query}");
                s.As(Auditor);
                s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
            });
            Assert.Equal(field, (await refusal.ReadAsJsonAsync<JsonElement>()).GetProperty("field").GetString());
        }
    }
}
