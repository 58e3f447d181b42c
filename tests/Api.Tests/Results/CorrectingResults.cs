using System.Net;
using Alba;
using FairDraw.Api.InspectionResults;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Results;

namespace FairDraw.Api.Tests.Results;

/// <summary>A correction is a new event with a reason: the original stays as it was recorded.</summary>
[Collection(nameof(DrawCollection))]
public sealed class CorrectingResults(DrawHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Given_a_recorded_result_When_an_assigned_inspector_corrects_it_Then_the_original_stays_and_the_reason_is_recorded()
    {
        var (_, entity, inspectors) = await fixture.DrawnAsync();
        var original = ResultRequests.Found(inspectors);
        await fixture.RecordAsync(fixture.InspectorToken(inspectors[0]), new RecordResult(entity, ResultRequests.Item, original));
        var corrected = original with { Outcome = "发现问题已责令改正", SubReason = null, Findings = "已当场整改 / corrected on the spot" };

        var response = await fixture.PostAsync(
            ResultRequests.CorrectionUrl(entity), new CorrectResult(corrected, "录入时误选结果类型 / wrong outcome chosen"), fixture.InspectorToken(inspectors[1]));

        var correction = (await response.ReadAsJsonAsync<InspectionResultCorrected>())!;
        Assert.Equal((1, "录入时误选结果类型 / wrong outcome chosen", inspectors[1]), (correction.Correction, correction.Reason, correction.CorrectedBy));
        var read = (await fixture.Host.GetAsJson<TaskResultsRead>(ResultRequests.Url(), fixture.FoodDivision))!.Results.Single();
        Assert.Equal((ResultOutcome.FollowUpPending, FollowUpReason.OtherMarketRegulationBreach), (read.Recorded.Content.Outcome, read.Recorded.Content.SubReason));
        Assert.Equal((ResultOutcome.CorrectedOnOrder, (FollowUpReason?)null), (read.Content.Outcome, read.Content.SubReason));
        Assert.Equal("录入时误选结果类型 / wrong outcome chosen", read.Corrections.Single().Reason);
    }

    [Fact]
    public async Task Given_a_recorded_result_When_a_correction_lacks_a_reason_or_the_result_is_missing_Then_it_is_refused_with_the_field()
    {
        var (_, entity, inspectors) = await fixture.DrawnAsync();
        var token = fixture.InspectorToken(inspectors[0]);
        var content = ResultRequests.Found(inspectors);

        var missing = await fixture.PostAsync(ResultRequests.CorrectionUrl(entity), new CorrectResult(content, "笔误"), token, HttpStatusCode.NotFound);
        await fixture.RecordAsync(token, new RecordResult(entity, ResultRequests.Item, content));
        var blank = await fixture.PostAsync(ResultRequests.CorrectionUrl(entity), new CorrectResult(content, " "), token, HttpStatusCode.BadRequest);

        Assert.Equal(("itemCode", "reason"), (await missing.FieldAsync(), await blank.FieldAsync()));
    }

    [Fact]
    public async Task Given_results_of_a_task_When_readers_list_them_Then_an_unassigned_inspector_sees_none_and_the_registrar_is_forbidden()
    {
        var (round, entity, inspectors) = await fixture.DrawnAsync();
        await fixture.RecordAsync(fixture.InspectorToken(inspectors[0]), new RecordResult(entity, ResultRequests.Item, ResultRequests.Found(inspectors)));
        var stranger = round.Pool.Inspectors.Select(i => i.Id).First(id => !inspectors.Contains(id));

        var seen = await fixture.Host.GetAsJson<TaskResultsRead>(ResultRequests.Url(), fixture.InspectorToken(stranger));
        var byPresent = await fixture.Host.GetAsJson<TaskResultsRead>(ResultRequests.Url(), fixture.InspectorToken(inspectors[1]));

        Assert.Equal((0, 1), (seen!.Results.Count, byPresent!.Results.Count));
        await fixture.Host.Scenario(s =>
        {
            s.Get.Url(ResultRequests.Url());
            s.As(fixture.Token(Ledger.Access.Role.Registrar, "520100"));
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        });
        await fixture.Host.Scenario(s =>
        {
            s.Get.Url(ResultRequests.Url());
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });
    }
}
