using System.Net;
using Alba;
using FairDraw.Api.InspectionResults;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Results;

namespace FairDraw.Api.Tests.Results;

/// <summary>审批 through the API: who approves or returns a result, and what an approval closes.</summary>
[Collection(nameof(DrawCollection))]
public sealed class ApprovingResults(DrawHost fixture) : IAsyncLifetime
{
    private const string Reason = "现场检查记录缺少当事人签字 / the on-site record lacks the party's signature";

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Given_a_recorded_result_When_the_tasks_division_approves_it_Then_the_event_is_appended_and_the_result_is_approved()
    {
        var (entity, _) = await fixture.RecordedAsync();

        var response = await fixture.PostAsync(ResultRequests.ApprovalUrl(entity), null, fixture.FoodDivision);

        var approved = (await response.ReadAsJsonAsync<InspectionResultApproved>())!;
        Assert.Equal(
            new InspectionResultApproved(DrawHost.TaskId, entity, ResultRequests.Item, 0, "food-division", ResultRequests.AfterTheDraw), approved);
        var read = await fixture.ReadResultAsync();
        Assert.Equal((ResultStatus.Approved, approved), (read.Status, read.Approval));
    }

    [Fact]
    public async Task Given_a_recorded_result_When_an_inspector_another_jurisdiction_or_a_present_inspector_approves_Then_it_is_refused_and_nothing_is_written()
    {
        var (entity, inspectors) = await fixture.RecordedAsync();
        var before = await fixture.EventsAsync();

        await fixture.PostAsync(ResultRequests.ApprovalUrl(entity), null, fixture.InspectorToken(inspectors[1]), HttpStatusCode.Forbidden);
        await fixture.PostAsync(ResultRequests.ApprovalUrl(entity), null, fixture.Official(Role.DistrictBureau, "520103"), HttpStatusCode.Forbidden);
        var present = await fixture.PostAsync(
            ResultRequests.ApprovalUrl(entity), null, fixture.Official(Role.BusinessDivision, "520100", inspectors[1]), HttpStatusCode.Forbidden);
        var returnedByRecorder = await fixture.PostAsync(
            ResultRequests.ReturnUrl(entity), new ReturnResult(Reason), fixture.Official(Role.DistrictBureau, "520100", inspectors[0]), HttpStatusCode.Forbidden);
        var blank = await fixture.PostAsync(ResultRequests.ReturnUrl(entity), new ReturnResult(" "), fixture.FoodDivision, HttpStatusCode.BadRequest);
        var missing = await fixture.PostAsync(ResultRequests.ApprovalUrl(entity, "01-01"), null, fixture.FoodDivision, HttpStatusCode.NotFound);

        Assert.Equal(
            (ResultApprovals.ApproverField, ResultApprovals.ApproverField, "reason", "itemCode"),
            (await present.FieldAsync(), await returnedByRecorder.FieldAsync(), await blank.FieldAsync(), await missing.FieldAsync()));
        Assert.Equal(before, await fixture.EventsAsync());
        Assert.Equal(ResultStatus.Recorded, (await fixture.ReadResultAsync()).Status);
    }

    [Fact]
    public async Task Given_a_returned_result_When_an_inspector_corrects_it_Then_it_awaits_approval_again_and_is_approved()
    {
        var (entity, inspectors) = await fixture.RecordedAsync();

        var returned = (await (await fixture.PostAsync(ResultRequests.ReturnUrl(entity), new ReturnResult(Reason), fixture.FoodDivision))
            .ReadAsJsonAsync<InspectionResultReturned>())!;
        Assert.Equal((0, Reason, ResultStatus.Returned), (returned.Corrections, returned.Reason, (await fixture.ReadResultAsync()).Status));
        var awaitingCorrection = await fixture.PostAsync(ResultRequests.ApprovalUrl(entity), null, fixture.FoodDivision, HttpStatusCode.Conflict);
        Assert.Equal("itemCode", await awaitingCorrection.FieldAsync());

        await fixture.PostAsync(
            ResultRequests.CorrectionUrl(entity), new CorrectResult(ResultRequests.Found(inspectors), "补充当事人签字 / signature added"),
            fixture.InspectorToken(inspectors[1]));
        Assert.Equal(ResultStatus.Corrected, (await fixture.ReadResultAsync()).Status);
        var approved = (await (await fixture.PostAsync(ResultRequests.ApprovalUrl(entity), null, fixture.FoodDivision))
            .ReadAsJsonAsync<InspectionResultApproved>())!;

        var read = await fixture.ReadResultAsync();
        Assert.Equal((1, ResultStatus.Approved), (approved.Corrections, read.Status));
        Assert.Equal(Reason, read.Returns.Single().Reason);
    }

    [Fact]
    public async Task Given_an_approved_result_When_it_is_approved_returned_or_corrected_again_Then_each_is_409_and_nothing_is_written()
    {
        var (entity, inspectors) = await fixture.RecordedAsync();
        await fixture.PostAsync(ResultRequests.ApprovalUrl(entity), null, fixture.FoodDivision);
        var before = await fixture.EventsAsync();

        var again = await fixture.PostAsync(ResultRequests.ApprovalUrl(entity), null, fixture.Official(Role.DistrictBureau, "520100"), HttpStatusCode.Conflict);
        var returned = await fixture.PostAsync(ResultRequests.ReturnUrl(entity), new ReturnResult(Reason), fixture.FoodDivision, HttpStatusCode.Conflict);
        var corrected = await fixture.PostAsync(
            ResultRequests.CorrectionUrl(entity), new CorrectResult(ResultRequests.Found(inspectors), "笔误 / typo"), fixture.InspectorToken(inspectors[0]),
            HttpStatusCode.Conflict);

        Assert.Equal(("itemCode", "itemCode", "itemCode"), (await again.FieldAsync(), await returned.FieldAsync(), await corrected.FieldAsync()));
        Assert.Equal(before, await fixture.EventsAsync());
    }

    [Fact]
    public async Task Given_a_recorded_result_When_it_is_approved_and_returned_at_once_Then_exactly_one_wins_and_the_other_is_refused()
    {
        var (entity, _) = await fixture.RecordedAsync();

        var responses = await Task.WhenAll(
            fixture.Host.Scenario(s =>
            {
                s.Post.Url(ResultRequests.ApprovalUrl(entity));
                s.As(fixture.FoodDivision);
                s.IgnoreStatusCode();
            }),
            fixture.Host.Scenario(s =>
            {
                s.Post.Json(new ReturnResult(Reason)).ToUrl(ResultRequests.ReturnUrl(entity));
                s.As(fixture.Official(Role.DistrictBureau, "520100", "yunyan-bureau"));
                s.IgnoreStatusCode();
            }));

        var statuses = responses.Select(response => response.Context.Response.StatusCode).ToList();
        Concurrently.AssertOneWinner([.. statuses.Order()]);
        var read = await fixture.ReadResultAsync();
        Assert.Equal(statuses[0] == 200 ? ResultStatus.Approved : ResultStatus.Returned, read.Status);
        Assert.Equal(1, (read.Approval is null ? 0 : 1) + read.Returns.Count);
    }
}
