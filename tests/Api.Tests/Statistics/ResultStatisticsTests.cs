using System.Net;
using FairDraw.Api.InspectionResults;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Results;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Results;
using FairDraw.Ledger.Statistics;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace FairDraw.Api.Tests.Statistics;

/// <summary>
/// The result statistics over the draws host's task (city level, item 05-01 of 食品生产处, so its lead department's):
/// three results recorded, approved, one published on time, one late, one exempted; two follow-ups, one closed.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class ResultStatisticsTests(DrawHost fixture) : IAsyncLifetime
{
    private const string Department = "食品生产监督管理处";
    private const string CityUrl = $"{ResultStatisticsEndpoint.Path}?year=2021&jurisdiction=520100";

    /// <summary>Beijing Friday 2022-07-29: three working days after the results' deadline (PublishingResults).</summary>
    private static readonly Instant Late = Instant.FromUtc(2022, 7, 29, 2, 0);

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Given_results_in_every_stage_and_follow_ups_When_the_city_asks_now_Then_its_row_and_total_count_each_of_them()
    {
        var (sample, _) = await HandledAsync();

        var report = await GetAsync(CityUrl);

        // The task is the city's own, so the city's row and its total agree; 2022 inspections are after the task's end (2021-11-05).
        var expected = new ResultFigures(
            "520100", false, Department, sample, sample, 3, Math.Round(300.0 / sample, 2), 3, 2, 1, 1, 1, 100, 50, 33.33, 2, 1,
            new FollowUpAges(0, 1, 0), 3);
        Assert.Equal([expected, expected with { Total = true }], report.Rows);
        Assert.Equal((new LocalDate(2022, 7, 29), (string?)null), (report.MeasuredOn, report.AsOf));
        Assert.Empty((await GetAsync($"{CityUrl}&department=信用监管处")).Rows);
        Assert.Empty((await GetAsync($"{ResultStatisticsEndpoint.Path}?year=2022&jurisdiction=520100")).Rows);
        Assert.Empty((await GetAsync($"{ResultStatisticsEndpoint.Path}?year=2021&jurisdiction=520102")).Rows);
    }

    [Fact]
    public async Task Given_every_event_When_replayed_up_to_now_or_to_the_last_position_Then_the_figures_equal_the_projections()
    {
        await HandledAsync();
        var now = InstantText(fixture.Clock.GetCurrentInstant());
        var last = (await fixture.EventsAsync()).LastSequence;

        var projected = await GetAsync(CityUrl);
        var replayedToNow = await GetAsync($"{CityUrl}&asOf={now}");
        var replayedToLast = await GetAsync($"{CityUrl}&asOfPosition={last}");

        Assert.NotEmpty(projected.Rows);
        Assert.Equal(projected.Rows, replayedToNow.Rows);
        Assert.Equal(projected.Rows, replayedToLast.Rows);
        Assert.Equal(projected.MeasuredOn, replayedToLast.MeasuredOn);
    }

    [Fact]
    public async Task Given_a_position_before_the_publications_When_asked_as_of_it_Then_approved_results_are_unpublished_and_no_follow_up_is_open()
    {
        var (sample, approvedAt) = await HandledAsync();

        var past = (await GetAsync($"{CityUrl}&asOfPosition={approvedAt}")).Rows[0];
        var now = (await GetAsync(CityUrl)).Rows[0];

        Assert.Equal(
            new ResultFigures(
                "520100", false, Department, sample, sample, 3, now.EntryPercent, 3, 0, 0, 0, 0, 0, null, 0, 0, 0, new FollowUpAges(0, 0, 0), 3),
            past);
        Assert.Equal((2, 1, 2), (now.Published, now.Exempted, now.FollowUpsOpened));
    }

    [Theory]
    [InlineData("jurisdiction=520100", "year")]
    [InlineData("year=1999&jurisdiction=520100", "year")]
    [InlineData("year=2021", "jurisdiction")]
    [InlineData("year=2021&jurisdiction=52010", "jurisdiction")]
    [InlineData("year=2021&jurisdiction=520100&department=%20", "department")]
    [InlineData("year=2021&jurisdiction=520100&asOf=yesterday", "asOf")]
    [InlineData("year=2021&jurisdiction=520100&asOfPosition=-1", "asOfPosition")]
    public async Task Given_a_bad_query_When_statistics_are_asked_Then_the_problem_names_its_field(string query, string field)
    {
        var problem = await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"{ResultStatisticsEndpoint.Path}?{query}");
            s.As(fixture.Token(Role.Inspector, "520102", "GY520100-0001"));
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });

        Assert.Equal(field, await problem.FieldAsync());
    }

    [Fact]
    public async Task Given_no_token_When_statistics_are_asked_Then_401_and_any_role_reads_them()
    {
        await fixture.Host.Scenario(s =>
        {
            s.Get.Url(CityUrl);
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });

        foreach (var role in Enum.GetValues<Role>())
        {
            await fixture.Host.GetAsJson<ResultStatisticsReport>(CityUrl, fixture.Token(role, "520102"));
        }
    }

    /// <summary>
    /// Three sampled objects' results recorded and approved (returns the sample's size and the approvals' last position),
    /// then one published on time, one exempted, two follow-ups opened (one closed) and one published late.
    /// </summary>
    private async Task<(int Sample, long ApprovedAt)> HandledAsync()
    {
        var (round, _, _) = await fixture.DrawnAsync();
        var book = AssignmentBook.Of(round);
        var entities = round.Sample().Where(id => book.InspectorsOf(id).Count >= 2).Take(3).ToList();
        foreach (var entity in entities)
        {
            var inspectors = book.InspectorsOf(entity);
            await fixture.RecordAsync(
                fixture.InspectorToken(inspectors[0]), new RecordResult(entity, ResultRequests.Item, ResultRequests.Found(inspectors)));
            await fixture.PostAsync(ResultRequests.ApprovalUrl(entity), null, fixture.FoodDivision);
        }

        var approvedAt = (await fixture.EventsAsync()).LastSequence;
        await fixture.PostAsync(ResultRequests.PublicationUrl(entities[0]), null, fixture.FoodDivision);
        await AppendAsync(StreamKeys.Result(DrawHost.TaskId, entities[2], ResultRequests.Item), async session =>
        {
            var at = fixture.Clock.GetCurrentInstant();
            return ((await TaskResults.LoadAsync(session, DrawHost.TaskId, entities[2], ResultRequests.Item)).Version,
            [
                new PublicationExemptionFiled(
                    DrawHost.TaskId, entities[2], ResultRequests.Item, ExemptionGround.TradeSecret, "配方 / recipe", "food-division", at),
                new PublicationExemptionAcknowledged(DrawHost.TaskId, entities[2], ResultRequests.Item, "credit-guiyang", at),
            ]);
        });
        fixture.Clock.Reset(Late);
        await OpenFollowUpAsync(entities[0], FollowUpKind.CorrectedOnSpot, new LocalDate(2022, 7, 1), closedOn: new LocalDate(2022, 7, 20));
        await OpenFollowUpAsync(entities[1], FollowUpKind.CaseReferral, new LocalDate(2022, 5, 1), closedOn: null); // 89 days on 2022-07-29
        await fixture.PostAsync(ResultRequests.PublicationUrl(entities[1]), null, fixture.FoodDivision);
        return (round.Sample().Count, approvedAt);
    }

    private Task OpenFollowUpAsync(string entity, FollowUpKind kind, LocalDate openedOn, LocalDate? closedOn)
    {
        var id = $"{DrawHost.TaskId}:{entity}:{ResultRequests.Item}:{kind}";
        var at = fixture.Clock.GetCurrentInstant();
        List<object> events =
            [new FollowUpOpened(id, DrawHost.TaskId, entity, ResultRequests.Item, kind, null, "整改 / correct", openedOn, "food-division", at)];
        if (closedOn is { } closed)
        {
            events.Add(new FollowUpClosed(id, "已整改 / corrected", closed, "food-division", at));
        }

        return AppendAsync(StreamKeys.FollowUp(id), _ => Task.FromResult((0L, (IReadOnlyList<object>)events)));
    }

    /// <summary>Appends through the one write path, as the exemption and follow-up endpoints do.</summary>
    private async Task AppendAsync(string streamKey, Func<IQuerySession, Task<(long Version, IReadOnlyList<object> Events)>> decide)
    {
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        var (version, events) = await decide(session);
        await StreamAppend.AppendAsync(session, streamKey, version == 0 ? null : new LoadedResult(null, version), events);
    }

    private async Task<ResultStatisticsReport> GetAsync(string url) =>
        (await fixture.Host.GetAsJson<ResultStatisticsReport>(url, fixture.Token(Role.Auditor)))!;

    private static string InstantText(Instant instant) => NodaTime.Text.InstantPattern.ExtendedIso.Format(instant);
}
