using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.InspectionResults;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Results;
using NodaTime;

namespace FairDraw.Api.Tests.Results;

/// <summary>
/// 公示 through the API: an approved result published once, on time or late by its working days (docs/calendar.md),
/// then closed to every write and readable by anyone with its receipt.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed partial class PublishingResults(DrawHost fixture) : IAsyncLifetime
{
    /// <summary>2022-06-28 (the inspection, a Tuesday) + 20 working days: no holiday in July 2022, so Tuesday 2022-07-26.</summary>
    private static readonly LocalDate Deadline = new(2022, 7, 26);

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Given_an_approved_result_When_the_division_publishes_it_before_the_deadline_Then_it_is_on_time_and_public_with_its_receipt()
    {
        var (entity, inspectors) = await fixture.ApprovedAsync();

        var published = (await (await fixture.PostAsync(ResultRequests.PublicationUrl(entity), null, fixture.FoodDivision))
            .ReadAsJsonAsync<InspectionResultPublished>())!;

        Assert.Equal(
            new InspectionResultPublished(DrawHost.TaskId, entity, ResultRequests.Item, new LocalDate(2022, 6, 28), Deadline,
                new LocalDate(2022, 7, 1), false, 0, "food-division", ResultRequests.AfterTheDraw),
            published);
        var byTask = (await PublicAsync<PublishedResults>(ResultRequests.PublicTaskUrl)).Results.Single();
        var byEntity = (await PublicAsync<PublishedResults>(ResultRequests.PublicEntityUrl(entity))).Results.Single();
        Assert.Equal(published, byTask.Publication);
        Assert.Equal(inspectors.Order(StringComparer.Ordinal), byTask.Content.Inspectors);
        Assert.Equal(ResultOutcome.FollowUpPending, byTask.Content.Outcome);
        Assert.Equal((byTask.Sequence, byTask.Publication), (byEntity.Sequence, byEntity.Publication));
        Assert.Equal((await fixture.EventsAsync()).LastSequence, byTask.Sequence);
        await fixture.PostAsync("/api/ledger/checkpoint", null, fixture.Token(Role.Auditor)); // a receipt needs a signed tree
        await AnonymousAsync($"/api/ledger/receipts/{byTask.Sequence}", HttpStatusCode.OK);
        await AnonymousAsync($"/api/ledger/receipts/{byTask.Sequence - 1}", HttpStatusCode.OK); // the approval, same stream
        Assert.Equal(ResultStatus.Published, (await fixture.ReadResultAsync()).Status);
    }

    [Fact]
    public async Task Given_an_approved_result_When_it_is_published_three_working_days_after_the_deadline_Then_it_is_recorded_late_by_3()
    {
        var (entity, _) = await fixture.ApprovedAsync();
        fixture.Clock.Reset(Instant.FromUtc(2022, 7, 29, 2, 0)); // Friday 2022-07-29 in Beijing: 27, 28 and 29 July over

        var published = (await (await fixture.PostAsync(ResultRequests.PublicationUrl(entity), null, fixture.Official(Role.DistrictBureau, "520100")))
            .ReadAsJsonAsync<InspectionResultPublished>())!;

        Assert.Equal((Deadline, new LocalDate(2022, 7, 29), true, 3), (published.Deadline, published.PublishedOn, published.Late, published.WorkingDaysLate));
        Assert.Equal(published, (await PublicAsync<PublishedResults>(ResultRequests.PublicTaskUrl)).Results.Single().Publication);
    }

    [Fact]
    public async Task Given_a_result_in_each_unpublished_state_When_it_is_published_or_read_publicly_Then_it_is_refused_absent_and_its_receipts_closed()
    {
        var (entity, inspectors) = await fixture.RecordedAsync();
        var before = await fixture.EventsAsync();

        await fixture.PostAsync(ResultRequests.PublicationUrl(entity), null, fixture.InspectorToken(inspectors[0]), HttpStatusCode.Forbidden);
        await fixture.PostAsync(ResultRequests.PublicationUrl(entity), null, fixture.Official(Role.DistrictBureau, "520103"), HttpStatusCode.Forbidden);
        var none = await fixture.PostAsync(ResultRequests.PublicationUrl(entity, "01-01"), null, fixture.FoodDivision, HttpStatusCode.NotFound);
        var recorded = await fixture.PostAsync(ResultRequests.PublicationUrl(entity), null, fixture.FoodDivision, HttpStatusCode.Conflict);
        Assert.Equal(("itemCode", "itemCode"), (await none.FieldAsync(), await recorded.FieldAsync()));
        Assert.Equal(before, await fixture.EventsAsync());
        await AssertHiddenAsync(entity);

        await fixture.PostAsync(ResultRequests.ReturnUrl(entity), new ReturnResult("缺签字 / unsigned"), fixture.FoodDivision);
        await fixture.PostAsync(ResultRequests.PublicationUrl(entity), null, fixture.FoodDivision, HttpStatusCode.Conflict);
        await AssertHiddenAsync(entity);

        await fixture.PostAsync(
            ResultRequests.CorrectionUrl(entity), new CorrectResult(ResultRequests.Found(inspectors), "补签 / signed"), fixture.InspectorToken(inspectors[1]));
        await fixture.PostAsync(ResultRequests.PublicationUrl(entity), null, fixture.FoodDivision, HttpStatusCode.Conflict);
        await AssertHiddenAsync(entity);

        await fixture.PostAsync(ResultRequests.ApprovalUrl(entity), null, fixture.FoodDivision);
        await AssertHiddenAsync(entity);

        await fixture.PostAsync(ResultRequests.ExemptionUrl(entity), new FileExemption("涉及商业秘密", "含配方 / formula"), fixture.FoodDivision);
        await AssertHiddenAsync(entity);

        await fixture.PostAsync(ResultRequests.ExemptionUrl(entity, "/acknowledgement"), null, fixture.Token(Role.CreditOffice, "520100"));
        await AssertHiddenAsync(entity);
        Assert.Equal(ResultStatus.Exempted, (await fixture.ReadResultAsync()).Status);
    }

    [Fact]
    public async Task Given_a_result_inspected_on_2026_12_20_When_it_is_published_Then_its_deadline_needs_2027_and_the_400_names_that_year()
    {
        var (_, entity, inspectors) = await fixture.DrawnAsync();
        fixture.Clock.Reset(Instant.FromUtc(2026, 12, 21, 2, 0)); // 20 working days from 20 December 2026 end in 2027
        await fixture.RecordAsync(
            fixture.InspectorToken(inspectors[0]), new RecordResult(entity, ResultRequests.Item, ResultRequests.Found(inspectors, "2026-12-20")));
        await fixture.PostAsync(ResultRequests.ApprovalUrl(entity), null, fixture.FoodDivision);
        var before = await fixture.EventsAsync();

        var refusal = await fixture.PostAsync(ResultRequests.PublicationUrl(entity), null, fixture.FoodDivision, HttpStatusCode.BadRequest);

        var problem = await refusal.ReadAsJsonAsync<JsonElement>();
        Assert.Equal("result.inspectionDate", problem.GetProperty("field").GetString());
        Assert.Contains("2027", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await fixture.EventsAsync());
    }

    [Fact]
    public async Task Given_a_published_result_When_it_is_published_approved_returned_or_corrected_again_Then_each_is_409_and_nothing_is_written()
    {
        var (entity, inspectors) = await fixture.ApprovedAsync();
        await fixture.PostAsync(ResultRequests.PublicationUrl(entity), null, fixture.FoodDivision);
        var before = await fixture.EventsAsync();

        var refusals = new[]
        {
            await fixture.PostAsync(ResultRequests.PublicationUrl(entity), null, fixture.FoodDivision, HttpStatusCode.Conflict),
            await fixture.PostAsync(ResultRequests.ApprovalUrl(entity), null, fixture.Official(Role.DistrictBureau, "520100"), HttpStatusCode.Conflict),
            await fixture.PostAsync(ResultRequests.ReturnUrl(entity), new ReturnResult("迟到的退回 / late"), fixture.FoodDivision, HttpStatusCode.Conflict),
            await fixture.PostAsync(
                ResultRequests.CorrectionUrl(entity), new CorrectResult(ResultRequests.Found(inspectors), "笔误 / typo"),
                fixture.InspectorToken(inspectors[0]), HttpStatusCode.Conflict),
        };

        foreach (var refusal in refusals)
        {
            Assert.Equal("itemCode", await refusal.FieldAsync());
        }

        Assert.Equal(before, await fixture.EventsAsync());
    }

    [Fact]
    public async Task Given_an_approved_result_When_two_officials_publish_it_at_once_Then_exactly_one_wins_and_it_is_published_once()
    {
        var (entity, _) = await fixture.ApprovedAsync();

        var responses = await Task.WhenAll(
            new[] { fixture.FoodDivision, fixture.Official(Role.DistrictBureau, "520100", "yunyan-bureau") }.Select(token => fixture.Host.Scenario(s =>
            {
                s.Post.Url(ResultRequests.PublicationUrl(entity));
                s.As(token);
                s.IgnoreStatusCode();
            })));

        Concurrently.AssertOneWinner([.. responses.Select(response => response.Context.Response.StatusCode).Order()]);
        Assert.Single((await PublicAsync<PublishedResults>(ResultRequests.PublicTaskUrl)).Results);
    }

    [Fact]
    public async Task Given_a_malformed_uscc_When_results_are_read_by_it_Then_the_problem_names_the_field()
    {
        var problem = await AnonymousAsync(ResultRequests.PublicEntityUrl("91520102MA6DX8Q7"), HttpStatusCode.BadRequest);

        Assert.Equal("uscc", await problem.FieldAsync());
    }

    /// <summary>No public read shows the result, and no receipt of any of its events is served without a token.</summary>
    private async Task AssertHiddenAsync(string entity)
    {
        Assert.Empty((await PublicAsync<PublishedResults>(ResultRequests.PublicTaskUrl)).Results);
        Assert.Empty((await PublicAsync<PublishedResults>(ResultRequests.PublicEntityUrl(entity))).Results);
        await AnonymousAsync($"/api/ledger/receipts/{(await fixture.EventsAsync()).LastSequence}", HttpStatusCode.Unauthorized);
        foreach (var sequence in await fixture.ResultSequencesAsync(entity))
        {
            await AnonymousAsync($"/api/ledger/receipts/{sequence}", HttpStatusCode.Unauthorized);
        }
    }

    private async Task<T> PublicAsync<T>(string url) => (await (await AnonymousAsync(url, HttpStatusCode.OK)).ReadAsJsonAsync<T>())!;

    // Each read from a fresh address: these tests check what is public, not the anonymous rate limit (HeavyReads).
    private Task<IScenarioResult> AnonymousAsync(string url, HttpStatusCode status) =>
        fixture.AnonymousAsync(url, status, ResultRequests.FreshAddress());
}
