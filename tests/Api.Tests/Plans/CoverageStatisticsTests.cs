using System.Net;
using FairDraw.Api.Plans;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Draws;

namespace FairDraw.Api.Tests.Plans;

[Collection(nameof(PlanCollection))]
public sealed class CoverageStatisticsTests(PlanHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<CoverageStatistics?> Coverage(string jurisdiction, Role role = Role.Auditor) =>
        fixture.Host.GetAsJson<CoverageStatistics>($"/api/statistics/coverage?year=2021&jurisdiction={jurisdiction}", fixture.Token(role, jurisdiction));

    /// <summary>A city plan with the food task (05-01) and a product quality task (09-01), and 南明区's annual report plan (01-01); both filed.</summary>
    private async Task PlanEverythingAsync()
    {
        await fixture.DraftAsync(PlanHost.CityPlan(PlanHost.FoodTask(), PlanHost.WholePoolTask("T02", "3/100", "09-01")), fixture.FoodDivision);
        await fixture.FileAsync(PlanHost.CityPlanId);
        await fixture.DraftAsync(PlanHost.NanmingPlan(), fixture.NanmingBureau);
        await fixture.FileAsync(PlanHost.NanmingPlanId);
    }

    [Fact]
    public async Task Every_item_of_the_list_covered_by_some_filed_plan_reads_3_of_3()
    {
        await PlanEverythingAsync();

        var city = await Coverage(PlanHost.Guiyang);

        Assert.Equal((2021, "520100", 2, 0), (city!.Year, city.Jurisdiction, city.Plans, city.DraftPlans));
        var items = Assert.Single(city.Items);
        Assert.Equal(("520100", "2021版", 3, 3, "3 / 3"), (items.ItemListJurisdiction, items.ItemListVersion, items.Items, items.Covered, items.Summary));
        Assert.Empty(items.Uncovered);
    }

    [Fact]
    public async Task Uncovered_items_are_named_and_drafts_do_not_count()
    {
        await fixture.DraftAsync(PlanHost.CityPlan(), fixture.FoodDivision);
        await fixture.FileAsync(PlanHost.CityPlanId);
        await fixture.DraftAsync(PlanHost.NanmingPlan(), fixture.NanmingBureau);

        var city = await Coverage(PlanHost.Guiyang, Role.CreditOffice);

        Assert.Equal((1, 1), (city!.Plans, city.DraftPlans));
        var items = Assert.Single(city.Items);
        Assert.Equal((3, 1, "1 / 3"), (items.Items, items.Covered, items.Summary));
        Assert.Equal(["01-01", "09-01"], items.Uncovered);
    }

    [Fact]
    public async Task A_district_is_not_asked_to_cover_city_coordinated_items()
    {
        await PlanEverythingAsync();

        var nanming = await Coverage(PlanHost.Nanming, Role.DistrictBureau);

        Assert.Equal(1, nanming!.Plans);
        var items = Assert.Single(nanming.Items);
        Assert.Equal((2, 1, "1 / 2"), (items.Items, items.Covered, items.Summary));
        Assert.Equal(["05-01"], items.Uncovered);
    }

    [Fact]
    public async Task Planned_ratios_are_set_against_what_executed_draws_took_per_jurisdiction_and_stratum()
    {
        await PlanEverythingAsync();
        await fixture.StoreDrawAsync("2021-520100-SPSC-T01", DrawState.Executed,
            new StratumOutcome("A", 30, 1), new StratumOutcome("B", 60, 1), new StratumOutcome("C", 10, 1), new StratumOutcome("D", 10, 1));
        await fixture.StoreDrawAsync("2021-520100-SPSC-T02", DrawState.Committed, new StratumOutcome("all", 100, 0));
        await fixture.StoreDrawAsync("2021-520102-NM01-T01", DrawState.Assigned, new StratumOutcome("all", 70, 4));

        var city = await Coverage(PlanHost.Guiyang);

        Assert.Equal(
            [
                ("520100", "A", "1/100", 1, 20L, 1L, 1, 30L, 1L, (double?)3.33),
                ("520100", "B", "1/100", 1, 60L, 1L, 1, 60L, 1L, 1.67),
                ("520100", "C", "1/100", 1, 10L, 1L, 1, 10L, 1L, 10),
                ("520100", "D", "1/100", 1, 10L, 1L, 1, 10L, 1L, 10),
                ("520100", "all", "3/100", 1, 100L, 3L, 0, 0L, 0L, null),
                ("520102", "all", "1/20", 1, 60L, 3L, 1, 70L, 4L, 5.71),
            ],
            city!.Strata.Select(r => (r.Jurisdiction, r.Stratum, string.Join(",", r.PlannedRatios), r.Tasks, r.PlannedEnterprises, r.PlannedEnterpriseSample,
                r.ExecutedTasks, r.DrawnPool, r.DrawnSample, r.DrawnPercent)));
        Assert.Equal(
            [("Planned", 0), ("PoolFrozen", 0), ("Committed", 1), ("Published", 0), ("RandomnessRecorded", 0), ("Executed", 1), ("Assigned", 1)],
            city.Tasks.Select(t => (t.State, t.Tasks)));
    }

    /// <summary>
    /// The planned figures count enterprises (the 3% base); the drawn ones every entity of the executed pools, and each
    /// row says which types those were: 05-01 names enterprises and individual businesses, 01-01 enterprises and co-ops.
    /// </summary>
    [Fact]
    public async Task Each_row_names_the_entity_types_its_drawn_figures_count()
    {
        await PlanEverythingAsync();
        await fixture.StoreDrawAsync("2021-520100-SPSC-T01", DrawState.Executed,
            new StratumOutcome("A", 30, 1), new StratumOutcome("B", 60, 1), new StratumOutcome("C", 10, 1), new StratumOutcome("D", 10, 1));
        await fixture.StoreDrawAsync("2021-520102-NM01-T01", DrawState.Assigned, new StratumOutcome("all", 60, 3));

        var city = await Coverage(PlanHost.Guiyang);

        Assert.Equal(
            [
                ("520100", "A", 20L, 30L, "Enterprise,IndividualBusiness"),
                ("520100", "B", 60L, 60L, "Enterprise,IndividualBusiness"),
                ("520100", "C", 10L, 10L, "Enterprise,IndividualBusiness"),
                ("520100", "D", 10L, 10L, "Enterprise,IndividualBusiness"),
                ("520100", "all", 100L, 0L, ""),
                ("520102", "all", 60L, 60L, "Enterprise,FarmerCooperative"),
            ],
            city!.Strata.Select(r => (r.Jurisdiction, r.Stratum, r.PlannedEnterprises, r.DrawnPool, string.Join(",", r.DrawnEntityTypes))));
    }

    [Fact]
    public async Task Tasks_without_a_draw_are_planned()
    {
        await PlanEverythingAsync();

        var city = await Coverage(PlanHost.Guiyang);

        Assert.Equal(3, city!.Tasks.Single(t => t.State == "Planned").Tasks);
        Assert.All(city.Strata, row => Assert.Equal((0, null), (row.ExecutedTasks, row.DrawnPercent)));
    }

    [Fact]
    public async Task The_year_and_a_valid_jurisdiction_are_required()
    {
        await fixture.SendAsync(s => s.Get.Url("/api/statistics/coverage?jurisdiction=520100"), fixture.CityCreditOffice, HttpStatusCode.BadRequest);
        await fixture.SendAsync(s => s.Get.Url("/api/statistics/coverage?year=2021&jurisdiction=5201"), fixture.CityCreditOffice, HttpStatusCode.BadRequest);
        await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/api/statistics/coverage?year=2021&jurisdiction=520100");
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });
    }

    [Fact]
    public async Task Another_year_has_no_plans_and_reads_0_of_the_list_still_in_force()
    {
        await PlanEverythingAsync();

        var nextYear = await fixture.Host.GetAsJson<CoverageStatistics>("/api/statistics/coverage?year=2022&jurisdiction=520100", fixture.CityCreditOffice);

        Assert.Equal((0, 0), (nextYear!.Plans, nextYear.DraftPlans));
        var items = Assert.Single(nextYear.Items);
        Assert.Equal(("2021版", true, 3, 0, "0 / 3"), (items.ItemListVersion, items.InForce, items.Items, items.Covered, items.Summary));
        Assert.Empty(nextYear.Strata);
    }

    [Fact]
    public async Task A_year_before_any_list_was_published_has_nothing()
    {
        var before = await fixture.Host.GetAsJson<CoverageStatistics>("/api/statistics/coverage?year=2020&jurisdiction=520100", fixture.CityCreditOffice);

        Assert.Empty(before!.Items);
        Assert.Empty(before.Strata);
    }

    [Fact]
    public async Task With_no_filed_plan_the_list_in_force_reads_0_of_its_items()
    {
        await fixture.DraftAsync(PlanHost.CityPlan(), fixture.FoodDivision);

        var city = await Coverage(PlanHost.Guiyang);
        var nanming = await Coverage(PlanHost.Nanming, Role.DistrictBureau);

        Assert.Equal((0, 1), (city!.Plans, city.DraftPlans));
        var items = Assert.Single(city.Items);
        Assert.Equal(("520100", "2021版", true, 3, 0, "0 / 3"), (items.ItemListJurisdiction, items.ItemListVersion, items.InForce, items.Items, items.Covered, items.Summary));
        Assert.Equal(["01-01", "05-01", "09-01"], items.Uncovered);
        var district = Assert.Single(nanming!.Items);
        Assert.Equal(("2021版", 2, 0, "0 / 2"), (district.ItemListVersion, district.Items, district.Covered, district.Summary));
        Assert.Equal(["01-01", "05-01"], district.Uncovered);
    }

    [Fact]
    public async Task A_newer_list_takes_over_the_year_it_is_published_and_the_list_plans_named_is_still_shown()
    {
        await PlanEverythingAsync();
        fixture.Clock.Reset(NodaTime.Instant.FromUtc(2022, 1, 10, 2, 0));
        var newer = PlanHost.ItemList() with { Version = "2022版", Title = "贵阳市市场监管系统随机抽查事项清单（2022版）" };
        await fixture.SendAsync(s => s.Post.Json(newer).ToUrl("/api/item-lists"), fixture.CityCreditOffice, HttpStatusCode.Created);
        await fixture.SendAsync(s => s.Post.Url("/api/item-lists/520100/2022%E7%89%88/publish"), fixture.CityCreditOffice, HttpStatusCode.OK);

        var year2021 = await Coverage(PlanHost.Guiyang);
        var year2022 = await fixture.Host.GetAsJson<CoverageStatistics>("/api/statistics/coverage?year=2022&jurisdiction=520100", fixture.CityCreditOffice);

        Assert.Equal([("2021版", true, "3 / 3")], year2021!.Items.Select(i => (i.ItemListVersion, i.InForce, i.Summary)));
        Assert.Equal([("2022版", true, "0 / 3")], year2022!.Items.Select(i => (i.ItemListVersion, i.InForce, i.Summary)));

        // A 2022 plan that names the old list is measured against it (shown, not in force), and 2022版 stays uncovered.
        var late = new DraftPlan(2022, PlanHost.Guiyang, "SPSC", "食品生产监督管理处", PlanHost.List,
            [PlanHost.FoodTask() with { Start = "2022-04-01", End = "2022-11-05" }]);
        await fixture.DraftAsync(late, fixture.FoodDivision);
        await fixture.FileAsync("2022-520100-SPSC");
        year2022 = await fixture.Host.GetAsJson<CoverageStatistics>("/api/statistics/coverage?year=2022&jurisdiction=520100", fixture.CityCreditOffice);
        Assert.Equal([("2021版", false, "1 / 3"), ("2022版", true, "0 / 3")], year2022!.Items.Select(i => (i.ItemListVersion, i.InForce, i.Summary)));
    }
}
