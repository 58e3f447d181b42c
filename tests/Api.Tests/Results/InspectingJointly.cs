using System.Net;
using FairDraw.Api.InspectionResults;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Plans;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Results;

namespace FairDraw.Api.Tests.Results;

/// <summary>
/// 部门联合抽查 (§二.九) through the API: the food task adjusted to also cover 01-01, whose responsible department
/// (信用监管处) is the task's partner, is one visit — one draw, one assignment, the assigned inspectors record both
/// items — and each department's officials approve, return and publish only their own item's result.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class InspectingJointly(DrawHost fixture) : IAsyncLifetime
{
    private const string PartnerItem = "01-01";
    private const string PartnerDepartment = "信用监管处";
    private const string NotOurs = "越权退回 / returned by the wrong department";

    private string Partner => fixture.Token(Role.BusinessDivision, "520100", "credit-division", PartnerDepartment);

    public async Task InitializeAsync()
    {
        await fixture.SeedAsync();
        var joint = PlanHost.FoodTask("T01", "1/10") with { ItemCodes = [ResultRequests.Item, PartnerItem] };
        var adjustment = PlanHost.Adjustment("联合抽查年报 / add the partner's item", PlanHost.CityPlan(joint));
        await fixture.PostAsync($"/api/plans/{DrawHost.PlanId}/adjustments", adjustment, fixture.FoodDivision);
        await fixture.PostAsync($"/api/plans/{DrawHost.PlanId}/filing", null, fixture.FoodDivision);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Given_a_joint_task_When_each_department_approves_and_publishes_its_own_items_result_Then_both_succeed()
    {
        var entity = await RecordedBothAsync();

        await fixture.PostAsync(ResultRequests.ApprovalUrl(entity), null, fixture.FoodDivision);
        await fixture.PostAsync(ResultRequests.ApprovalUrl(entity, PartnerItem), null, Partner);
        await fixture.PostAsync(ResultRequests.PublicationUrl(entity), null, fixture.FoodDivision);
        var published = (await (await fixture.PostAsync(ResultRequests.PublicationUrl(entity, PartnerItem), null, Partner))
            .ReadAsJsonAsync<InspectionResultPublished>())!;

        var results = (await fixture.Host.GetAsJson<TaskResultsRead>(ResultRequests.Url(), fixture.FoodDivision))!.Results;
        Assert.Equal(
            [(PartnerItem, "credit-division", "credit-division"), (ResultRequests.Item, "food-division", "food-division")],
            results.Select(result => (result.Recorded.ItemCode, result.Approval!.ApprovedBy, result.Publication!.PublishedBy)));
        Assert.Equal(results[1].Content.InspectionDate, published.InspectionDate); // one visit, one date
    }

    [Fact]
    public async Task Given_a_joint_task_When_the_partner_acts_on_the_leads_result_or_the_lead_on_the_partners_Then_403_names_the_department_and_nothing_is_written()
    {
        var entity = await RecordedBothAsync();
        var before = await fixture.EventsAsync();

        var refusals = new[]
        {
            await fixture.PostAsync(ResultRequests.ApprovalUrl(entity), null, Partner, HttpStatusCode.Forbidden),
            await fixture.PostAsync(ResultRequests.ReturnUrl(entity), new ReturnResult(NotOurs), Partner, HttpStatusCode.Forbidden),
            await fixture.PostAsync(ResultRequests.ApprovalUrl(entity, PartnerItem), null, fixture.FoodDivision, HttpStatusCode.Forbidden),
            await fixture.PostAsync(
                ResultRequests.ReturnUrl(entity, PartnerItem), new ReturnResult(NotOurs), fixture.FoodDivision, HttpStatusCode.Forbidden),
            await fixture.PostAsync(
                ResultRequests.ApprovalUrl(entity, PartnerItem), null, fixture.Token(Role.BusinessDivision), HttpStatusCode.Forbidden),
        };

        var fields = await Task.WhenAll(refusals.Select(refusal => refusal.FieldAsync()));
        Assert.All(fields, field => Assert.Equal(Departments.Field, field));
        Assert.Equal(before, await fixture.EventsAsync());
    }

    [Fact]
    public async Task Given_both_results_approved_When_the_partner_publishes_the_leads_or_the_lead_the_partners_Then_each_is_403_and_neither_is_published()
    {
        var entity = await RecordedBothAsync();
        await fixture.PostAsync(ResultRequests.ApprovalUrl(entity), null, fixture.FoodDivision);
        await fixture.PostAsync(ResultRequests.ApprovalUrl(entity, PartnerItem), null, Partner);
        var before = await fixture.EventsAsync();

        var byPartner = await fixture.PostAsync(ResultRequests.PublicationUrl(entity), null, Partner, HttpStatusCode.Forbidden);
        var byLead = await fixture.PostAsync(
            ResultRequests.PublicationUrl(entity, PartnerItem), null, fixture.FoodDivision, HttpStatusCode.Forbidden);

        Assert.Equal((Departments.Field, Departments.Field), (await byPartner.FieldAsync(), await byLead.FieldAsync()));
        Assert.Equal(before, await fixture.EventsAsync());
        var results = (await fixture.Host.GetAsJson<TaskResultsRead>(ResultRequests.Url(), fixture.FoodDivision))!.Results;
        Assert.All(results, result => Assert.Equal(ResultStatus.Approved, result.Status));
    }

    /// <summary>
    /// Draws the joint task and has one assigned inspector record both items of one object (谁检查、谁录入: the visit's
    /// inspectors record every item of it, whichever department's).
    /// </summary>
    private async Task<string> RecordedBothAsync()
    {
        var (_, entity, inspectors) = await fixture.DrawnAsync();
        var food = new RecordResult(entity, ResultRequests.Item, ResultRequests.Found(inspectors));
        await fixture.RecordAsync(fixture.InspectorToken(inspectors[0]), food);
        var annualReport = new ResultInput("书面检查", "2022-06-28", inspectors, "发现问题已责令改正", null, "年报资产数据有误，已责令更正", []);
        await fixture.RecordAsync(fixture.InspectorToken(inspectors[1]), new RecordResult(entity, PartnerItem, annualReport));
        return entity;
    }
}
