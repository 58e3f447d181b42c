using System.Net;
using Alba;
using FairDraw.Api.Plans;
using FairDraw.Api.Reads;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Draws;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Plans;
using NodaTime;

namespace FairDraw.Api.Tests.Plans;

[Collection(nameof(PlanCollection))]
public sealed class FilingAndAdjustingPlans(PlanHost fixture) : IAsyncLifetime
{
    private const string Reason = "增加年报抽查任务 / add the annual report task";

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<IScenarioResult> Revise(RevisePlan revision, HttpStatusCode status = HttpStatusCode.OK) =>
        fixture.SendAsync(s => s.Put.Json(revision).ToUrl($"/api/plans/{PlanHost.CityPlanId}"), fixture.FoodDivision, status);

    private Task<IScenarioResult> Adjust(AdjustPlan adjustment, HttpStatusCode status = HttpStatusCode.OK) =>
        fixture.SendAsync(s => s.Post.Json(adjustment).ToUrl($"/api/plans/{PlanHost.CityPlanId}/adjustments"), fixture.FoodDivision, status);

    [Fact]
    public async Task A_plan_is_drafted_revised_filed_acknowledged_adjusted_and_filed_again()
    {
        await fixture.DraftAsync(PlanHost.CityPlan(), fixture.FoodDivision);
        fixture.Clock.AdvanceDays(1);
        var revised = PlanHost.CityPlan(PlanHost.FoodTask(ratio: "2/100"));
        Assert.Equal(new PlanWritten(PlanHost.CityPlanId, 2), await (await Revise(PlanHost.Revision(revised))).ReadAsJsonAsync<PlanWritten>());
        fixture.Clock.AdvanceDays(1);
        await fixture.FileAsync(PlanHost.CityPlanId);
        Assert.True((await fixture.PlannedTaskAsync("2021-520100-SPSC-T01")).PlanFiled);
        await Revise(PlanHost.Revision(PlanHost.CityPlan()), HttpStatusCode.Conflict);
        fixture.Clock.AdvanceDays(1);
        await fixture.AcknowledgeAsync(PlanHost.CityPlanId);
        await fixture.AcknowledgeAsync(PlanHost.CityPlanId, HttpStatusCode.Conflict);
        await fixture.FileAsync(PlanHost.CityPlanId, HttpStatusCode.Conflict);

        fixture.Clock.AdvanceDays(30);
        var adjusted = PlanHost.CityPlan(PlanHost.FoodTask(ratio: "2/100"), PlanHost.WholePoolTask("T02", "1/100", "01-01", "09-01"));
        await Adjust(PlanHost.Adjustment(Reason, adjusted));
        await fixture.AcknowledgeAsync(PlanHost.CityPlanId, HttpStatusCode.Conflict);
        var between = await fixture.PlannedTaskAsync("2021-520100-SPSC-T02");
        Assert.False(between.PlanFiled);
        fixture.Clock.AdvanceDays(1);
        await fixture.FileAsync(PlanHost.CityPlanId);
        await fixture.AcknowledgeAsync(PlanHost.CityPlanId);

        Assert.Equal(
            [typeof(PlanDrafted), typeof(PlanRevised), typeof(PlanFiled), typeof(PlanFilingAcknowledged), typeof(PlanAdjusted), typeof(PlanFiled), typeof(PlanFilingAcknowledged)],
            (await fixture.EventsAsync(PlanHost.CityPlanId)).Select(e => e.GetType()));
        var view = await fixture.Host.GetAsJson<PlanView>($"/api/plans/{PlanHost.CityPlanId}", fixture.Token(Role.Investigator));
        Assert.Equal((PlanStatus.Acknowledged, 7L), (view!.Status, view.StreamVersion));
        Assert.Equal(["T01", "T02"], view.Tasks.Select(t => t.Code));
        Assert.Equal([(1, "credit-guiyang"), (2, "credit-guiyang")], view.Filings.Select(f => (f.Filing, f.AcknowledgedBy!)));
        Assert.Equal(Instant.FromUtc(2021, 3, 4, 9, 0), view.Filings[0].AcknowledgedAt);
        Assert.Equal((1, Reason), (view.Adjustments.Single().Adjustment, view.Adjustments.Single().Reason));

        var task = await fixture.PlannedTaskAsync("2021-520100-SPSC-T02");
        Assert.Equal((true, PlanHost.CityPlanId, 2021, "520100"), (task.PlanFiled, task.PlanId, task.Year, task.Jurisdiction.Value));
        Assert.Equal([EntityType.Enterprise, EntityType.FarmerCooperative], task.ItemObjectTypes);

        var history = await fixture.Host.GetAsJson<IReadOnlyList<HistoryEntry>>($"/api/plans/{PlanHost.CityPlanId}/history", fixture.Token(Role.Auditor));
        Assert.Equal(
            ["plan_drafted", "plan_revised", "plan_filed", "plan_filing_acknowledged", "plan_adjusted", "plan_filed", "plan_filing_acknowledged"],
            history!.Select(h => h.Type));
        Assert.Equal("credit-guiyang", history![3].Actor);

        // Every plan event was sealed into its stream's chain and canonicalises as the ledger profile requires.
        var report = await fixture.Host.GetAsJson<LedgerReport>("/api/ledger/verify", fixture.Token(Role.Auditor));
        Assert.Empty(report!.Findings);
    }

    [Fact]
    public async Task A_district_plan_is_acknowledged_by_the_city_credit_office_only()
    {
        await fixture.DraftAsync(PlanHost.NanmingPlan(), fixture.NanmingBureau);
        await fixture.FileAsync(PlanHost.NanmingPlanId);
        var url = $"/api/plans/{PlanHost.NanmingPlanId}/filing/acknowledgement";

        await fixture.SendAsync(s => s.Post.Url(url), fixture.Token(Role.CreditOffice, PlanHost.Yunyan), HttpStatusCode.Forbidden);
        await fixture.SendAsync(s => s.Post.Url(url), fixture.Token(Role.BusinessDivision, PlanHost.Guiyang), HttpStatusCode.Forbidden);
        await fixture.SendAsync(s => s.Post.Url(url), fixture.CityCreditOffice, HttpStatusCode.OK);

        var acknowledged = Assert.IsType<PlanFilingAcknowledged>((await fixture.EventsAsync(PlanHost.NanmingPlanId))[^1]);
        Assert.Equal((1, "520100", "credit-guiyang"), (acknowledged.Filing, acknowledged.Office.Value, acknowledged.AcknowledgedBy));
    }

    [Fact]
    public async Task A_district_bureau_does_not_touch_another_jurisdictions_plan()
    {
        await fixture.DraftAsync(PlanHost.NanmingPlan(), fixture.NanmingBureau);
        var yunyan = fixture.Token(Role.DistrictBureau, PlanHost.Yunyan);

        await fixture.SendAsync(s => s.Put.Json(PlanHost.Revision(PlanHost.NanmingPlan())).ToUrl($"/api/plans/{PlanHost.NanmingPlanId}"), yunyan, HttpStatusCode.Forbidden);
        await fixture.SendAsync(s => s.Post.Url($"/api/plans/{PlanHost.NanmingPlanId}/filing"), yunyan, HttpStatusCode.Forbidden);
        Assert.Single(await fixture.EventsAsync(PlanHost.NanmingPlanId));
    }

    [Fact]
    public async Task Of_concurrent_filings_exactly_one_wins()
    {
        await fixture.DraftAsync(PlanHost.CityPlan(), fixture.FoodDivision);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            var result = await fixture.Host.Scenario(s =>
            {
                s.Post.Url($"/api/plans/{PlanHost.CityPlanId}/filing");
                s.As(fixture.FoodDivision);
                s.IgnoreStatusCode();
            });
            return result.Context.Response.StatusCode;
        }));

        Assert.Equal([200, 409, 409, 409], statuses.Order());
        Assert.Equal([typeof(PlanDrafted), typeof(PlanFiled)], (await fixture.EventsAsync(PlanHost.CityPlanId)).Select(e => e.GetType()));
    }

    [Fact]
    public async Task An_adjustment_needs_a_reason_and_a_filed_plan()
    {
        await fixture.DraftAsync(PlanHost.CityPlan(), fixture.FoodDivision);
        var adjusted = PlanHost.CityPlan(PlanHost.FoodTask(ratio: "2/100"));
        await Adjust(PlanHost.Adjustment(Reason, adjusted), HttpStatusCode.Conflict);
        await fixture.FileAsync(PlanHost.CityPlanId);

        var result = await Adjust(PlanHost.Adjustment("", adjusted), HttpStatusCode.BadRequest);

        Assert.Contains("\"field\":\"reason\"", await result.ReadAsTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, (await fixture.EventsAsync(PlanHost.CityPlanId)).Count);
    }

    [Fact]
    public async Task A_drawn_task_keeps_its_ratios_and_cannot_be_removed()
    {
        await fixture.DraftAsync(PlanHost.CityPlan(PlanHost.FoodTask(), PlanHost.WholePoolTask("T02", "1/100", "01-01")), fixture.FoodDivision);
        await fixture.FileAsync(PlanHost.CityPlanId);
        await fixture.StoreDrawAsync("2021-520100-SPSC-T01", DrawState.Committed, new StratumOutcome("A", 20, 0));

        var changed = await Adjust(
            PlanHost.Adjustment(Reason, PlanHost.CityPlan(PlanHost.FoodTask(ratio: "2/100"), PlanHost.WholePoolTask("T02", "1/100", "01-01"))),
            HttpStatusCode.Conflict);
        var changedText = await changed.ReadAsTextAsync();
        Assert.Contains("\"field\":\"tasks[0]\"", changedText, StringComparison.Ordinal);
        Assert.Contains("task 2021-520100-SPSC-T01 has been drawn", changedText, StringComparison.Ordinal);

        var removed = await Adjust(PlanHost.Adjustment(Reason, PlanHost.CityPlan(PlanHost.WholePoolTask("T02", "5/100", "01-01"))), HttpStatusCode.Conflict);
        Assert.Contains("task 2021-520100-SPSC-T01 has been drawn and cannot be removed", await removed.ReadAsTextAsync(), StringComparison.Ordinal);

        // The undrawn task may change, and the drawn one may be renamed.
        await Adjust(PlanHost.Adjustment(Reason, PlanHost.CityPlan(PlanHost.FoodTask() with { Name = "食品生产企业监督检查（含延期）" }, PlanHost.WholePoolTask("T02", "5/100", "01-01"))));
        Assert.Equal([typeof(PlanDrafted), typeof(PlanFiled), typeof(PlanAdjusted)], (await fixture.EventsAsync(PlanHost.CityPlanId)).Select(e => e.GetType()));
    }

    [Fact]
    public async Task An_unknown_plan_or_task_is_not_found()
    {
        await fixture.SendAsync(s => s.Post.Url("/api/plans/2021-520100-NONE/filing"), fixture.FoodDivision, HttpStatusCode.NotFound);
        await fixture.SendAsync(s => s.Get.Url("/api/plans/2021-520100-NONE"), fixture.FoodDivision, HttpStatusCode.NotFound);
        await fixture.SendAsync(s => s.Get.Url("/api/plans/2021-520100-NONE/history"), fixture.FoodDivision, HttpStatusCode.NotFound);
        await fixture.SendAsync(s => s.Get.Url("/api/plans/not-a-plan"), fixture.FoodDivision, HttpStatusCode.BadRequest);
        await fixture.DraftAsync(PlanHost.CityPlan(), fixture.FoodDivision);
        Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<DomainException>(() => fixture.PlannedTaskAsync("2021-520100-SPSC-T09"))).Kind);
        Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<DomainException>(() => fixture.PlannedTaskAsync("garbage"))).Kind);
    }
}
