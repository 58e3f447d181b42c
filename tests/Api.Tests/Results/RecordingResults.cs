using System.Net;
using Alba;
using FairDraw.Api.InspectionResults;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Results;
using NodaTime;

namespace FairDraw.Api.Tests.Results;

/// <summary>检查结果录入 through the API: who may record, what a result must hold, and refusals that write nothing.</summary>
[Collection(nameof(DrawCollection))]
public sealed class RecordingResults(DrawHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Given_an_assigned_inspector_When_it_records_a_result_Then_the_event_holds_it_and_the_task_lists_it_overdue()
    {
        var (round, entity, inspectors) = await fixture.DrawnAsync();

        var response = await fixture.RecordAsync(fixture.InspectorToken(inspectors[0]), new RecordResult(entity, ResultRequests.Item, ResultRequests.Found(inspectors)));

        var recorded = (await response.ReadAsJsonAsync<InspectionResultRecorded>())!;
        var expected = new ResultContent(
            InspectionMethod.OnSite, new LocalDate(2022, 6, 28), [.. inspectors.Order(StringComparer.Ordinal)], ResultOutcome.FollowUpPending,
            FollowUpReason.OtherMarketRegulationBreach, "仓库温控记录缺失 / storage temperature records missing", [ResultRequests.Evidence]);
        Assert.Equal(
            (DrawHost.TaskId, round.Number, entity, "05-01", inspectors[0], ResultRequests.AfterTheDraw),
            (recorded.TaskId, recorded.Round, recorded.EntityId, recorded.ItemCode, recorded.RecordedBy, recorded.RecordedAt));
        AssertContent(expected, recorded.Content);
        // The task ends 2021-11-05 and the draw itself ran in 2022 (its drand beacon), so this inspection is late.
        Assert.Equal((new LocalDate(2021, 11, 5), true), (recorded.DueBy, recorded.Overdue));
        var listed = (await fixture.Host.GetAsJson<TaskResultsRead>(ResultRequests.Url(), fixture.FoodDivision))!.Results.Single();
        Assert.True(listed.Overdue);
        AssertContent(expected, listed.Content);
        await fixture.RecordAsync(
            fixture.InspectorToken(inspectors[1]), new RecordResult(entity, ResultRequests.Item, ResultRequests.Found(inspectors)), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Given_a_drawn_task_When_an_inspector_not_assigned_to_the_object_records_Then_it_is_forbidden_and_nothing_is_written()
    {
        var (round, entity, inspectors) = await fixture.DrawnAsync();
        var stranger = round.Pool.Inspectors.Select(i => i.Id).First(id => !inspectors.Contains(id));
        var before = await fixture.EventsAsync();

        var refusal = await fixture.RecordAsync(
            fixture.InspectorToken(stranger), new RecordResult(entity, ResultRequests.Item, ResultRequests.Found(inspectors)), HttpStatusCode.Forbidden);

        Assert.Equal("entityId", await refusal.FieldAsync());
        Assert.Equal(before, await fixture.EventsAsync());
    }

    [Fact]
    public async Task Given_an_entity_substituted_out_When_its_former_inspector_records_Then_it_is_refused_naming_the_entity()
    {
        var (_, entity, inspectors) = await fixture.DrawnAsync();
        await fixture.AdjustAsync(
            DrawHost.TaskId, "substitutions", new SubstituteEntity(entity, "企业已注销 / deregistered", "注销登记通知书"), fixture.FoodDivision,
            fixture.CreditOfficeApproval());

        var refusal = await fixture.RecordAsync(
            fixture.InspectorToken(inspectors[0]), new RecordResult(entity, ResultRequests.Item, ResultRequests.Found(inspectors)), HttpStatusCode.Conflict);

        Assert.Equal("entityId", await refusal.FieldAsync());
    }

    [Fact]
    public async Task Given_an_inspector_reassigned_off_the_object_When_it_records_or_is_named_present_Then_it_is_refused()
    {
        var (_, entity, inspectors) = await fixture.DrawnAsync();
        await fixture.AdjustAsync(
            DrawHost.TaskId, "reassignments", new ReassignInspector(entity, inspectors[0], DrawAdjustments.Recused, null, "检查员申请回避", "回避申请表"),
            fixture.FoodDivision, fixture.CreditOfficeApproval());
        var now = AssignmentBook.Of(await fixture.CurrentRoundAsync()).InspectorsOf(entity);

        var byRemoved = await fixture.RecordAsync(
            fixture.InspectorToken(inspectors[0]), new RecordResult(entity, ResultRequests.Item, ResultRequests.Found(now)), HttpStatusCode.Forbidden);
        var naming = await fixture.RecordAsync(
            fixture.InspectorToken(inspectors[1]), new RecordResult(entity, ResultRequests.Item, ResultRequests.Found(inspectors)), HttpStatusCode.BadRequest);

        Assert.Equal(("entityId", "result.inspectors"), (await byRemoved.FieldAsync(), await naming.FieldAsync()));
    }

    [Fact]
    public async Task Given_an_assigned_inspector_When_the_result_breaks_a_rule_Then_each_is_refused_with_its_field_and_nothing_is_written()
    {
        var (_, entity, inspectors) = await fixture.DrawnAsync();
        var token = fixture.InspectorToken(inspectors[0]);
        var valid = ResultRequests.Found(inspectors);
        (ResultInput Result, string Field)[] cases =
        [
            (valid with { Inspectors = [inspectors[0]] }, "result.inspectors"),
            (valid with { Inspectors = [inspectors[0], inspectors[0]] }, "result.inspectors"),
            (valid with { Method = "书面检查" }, "result.method"),
            (valid with { SubReason = null }, "result.subReason"),
            (valid with { SubReason = "其他原因" }, "result.subReason"),
            (valid with { Outcome = "未发现问题" }, "result.subReason"),
            (valid with { Outcome = "查无此类" }, "result.outcome"),
            (valid with { InspectionDate = "2022-07-02" }, "result.inspectionDate"),
            (valid with { InspectionDate = "2022-06-01" }, "result.inspectionDate"),
            (valid with { InspectionDate = "2022/06/28" }, "result.inspectionDate"),
            (valid with { Findings = new string('查', ResultDecisions.FindingsLength + 1) }, "result.findings"),
            (valid with { Attachments = [new AttachmentInput("ABC", 10)] }, "result.attachments[0].sha256"),
            (valid with { Attachments = [new AttachmentInput(new string('b', 64), 0)] }, "result.attachments[0].size"),
        ];
        var before = await fixture.EventsAsync();

        foreach (var (result, field) in cases)
        {
            var refusal = await fixture.RecordAsync(token, new RecordResult(entity, ResultRequests.Item, result), HttpStatusCode.BadRequest);
            Assert.Equal(field, await refusal.FieldAsync());
        }

        var wrongItem = await fixture.RecordAsync(token, new RecordResult(entity, "01-01", valid), HttpStatusCode.BadRequest);
        Assert.Equal("itemCode", await wrongItem.FieldAsync());

        // A control character in the key is refused before anything is read with it (it once reached the database: 500).
        var controlInKey = await fixture.RecordAsync(
            token, new RecordResult("<img src=x>\u001B[31m\u0000", ResultRequests.Item, valid), HttpStatusCode.BadRequest);
        Assert.Equal("entityId", await controlInKey.FieldAsync());
        Assert.Equal(before, await fixture.EventsAsync());
    }

    private static void AssertContent(ResultContent expected, ResultContent actual)
    {
        Assert.Equal(expected with { Inspectors = [], Attachments = [] }, actual with { Inspectors = [], Attachments = [] });
        Assert.Equal(expected.Inspectors, actual.Inspectors);
        Assert.Equal(expected.Attachments, actual.Attachments);
    }
}
