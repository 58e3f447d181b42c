using System.Net;
using Alba;
using FairDraw.Api.Plans;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Plans;

namespace FairDraw.Api.Tests.Plans;

[Collection(nameof(PlanCollection))]
public sealed class DraftingPlans(PlanHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Drafting_counts_the_directory_and_records_the_3_percent_basis()
    {
        var result = await fixture.DraftAsync(PlanHost.CityPlan(), fixture.FoodDivision);

        Assert.Equal("/api/plans/2021-520100-SPSC", result.Context.Response.Headers.Location.ToString());
        Assert.Equal(new PlanWritten(PlanHost.CityPlanId, 1), await result.ReadAsJsonAsync<PlanWritten>());
        var drafted = Assert.IsType<PlanDrafted>(Assert.Single(await fixture.EventsAsync(PlanHost.CityPlanId)));
        Assert.Equal(("food-division", "SPSC", "2021版"), (drafted.DraftedBy, drafted.Department, drafted.ItemListVersion));

        // 100 existing enterprises in the city (individual businesses and deregistered enterprises do not count): 3 required.
        // N_h are the enterprises of the food item's pool: A 20, B 60 (20 in 南明区 and 40 in 云岩区), C 10, D 10.
        Assert.Equal((100L, 3L, 4L), (drafted.Basis.ExistingEnterprises, drafted.Basis.RequiredSample, drafted.Basis.ExpectedSample));
        var task = Assert.Single(drafted.Basis.Tasks);
        Assert.Equal([("A", 20, 1L), ("B", 60, 1L), ("C", 10, 1L), ("D", 10, 1L)], task.Strata.Select(s => (s.Stratum, s.Enterprises, s.Sample)));
        Assert.Equal([EntityType.Enterprise, EntityType.IndividualBusiness], task.ItemObjectTypes);
        Assert.True(drafted.Basis.AsOfSequence > 0);

        var view = await fixture.Host.GetAsJson<PlanView>("/api/plans/2021-520100-SPSC", fixture.Token(Role.Auditor));
        Assert.Equal((PlanStatus.Draft, 1L, 4L, "食品"), (view!.Status, view.StreamVersion, view.Basis.ExpectedSample, view.Tasks[0].Strata[3].Expertise));
    }

    [Theory]
    [InlineData("3/100", HttpStatusCode.Created)]
    [InlineData("29/1000", HttpStatusCode.Created)]
    [InlineData("2/100", HttpStatusCode.BadRequest)]
    public async Task The_plan_samples_at_least_3_percent_of_the_existing_enterprises(string ratio, HttpStatusCode status)
    {
        // One stratum over the city's 100 enterprises: ceil(3% × 100) = ceil(2.9% × 100) = 3 passes, ceil(2% × 100) = 2 does not.
        var result = await fixture.DraftAsync(PlanHost.CityPlan(PlanHost.WholePoolTask("T01", ratio, "09-01")), fixture.FoodDivision, status);

        if (status == HttpStatusCode.BadRequest)
        {
            var text = await result.ReadAsTextAsync();
            Assert.Contains("\"field\":\"tasks\"", text, StringComparison.Ordinal);
            Assert.Contains("the plan samples 2 enterprises, below 3% of the jurisdiction's 100 existing enterprises (at least 3)", text, StringComparison.Ordinal);
            Assert.Empty(await EventsOrNone());
        }
    }

    [Fact]
    public async Task A_district_plan_is_held_to_3_percent_of_its_own_enterprises()
    {
        await fixture.DraftAsync(PlanHost.NanmingPlan(), fixture.NanmingBureau);

        var drafted = Assert.IsType<PlanDrafted>(Assert.Single(await fixture.EventsAsync(PlanHost.NanmingPlanId)));
        Assert.Equal((60L, 2L, 3L), (drafted.Basis.ExistingEnterprises, drafted.Basis.RequiredSample, drafted.Basis.ExpectedSample));
    }

    [Theory]
    [InlineData("ratio", "tasks[0].strata[1].ratio")]
    [InlineData("ratio with a leading zero", "tasks[0].strata[1].ratio")]
    [InlineData("stratum", "tasks[0].strata[3].stratum")]
    [InlineData("unknown item", "tasks[1].itemCodes[0]")]
    [InlineData("inspectors", "tasks[0].inspectorsPerEntity")]
    [InlineData("area", "tasks[0].targeting.areas[0]")]
    [InlineData("dates", "tasks[0].end")]
    [InlineData("task code", "tasks[1].code")]
    public async Task An_invalid_plan_is_refused_with_the_field_path_and_nothing_is_written(string fault, string field)
    {
        var food = PlanHost.FoodTask();
        var draft = fault switch
        {
            "ratio" => PlanHost.CityPlan(food with { Strata = [food.Strata![0], food.Strata[1] with { Ratio = "3%" }, food.Strata[2], food.Strata[3]] }),
            "ratio with a leading zero" => PlanHost.CityPlan(food with { Strata = [food.Strata![0], food.Strata[1] with { Ratio = "03/100" }, food.Strata[2], food.Strata[3]] }),
            "stratum" => PlanHost.CityPlan(food with { Strata = [food.Strata![0], food.Strata[1], food.Strata[2], food.Strata[3] with { Stratum = "E" }] }),
            "unknown item" => PlanHost.CityPlan(food, PlanHost.WholePoolTask("T02", "1/10", "99-99")),
            "inspectors" => PlanHost.CityPlan(food with { InspectorsPerEntity = 1 }),
            "area" => PlanHost.CityPlan(food with { Targeting = new TargetingInput(null, null, ["520302"], null, null) }),
            "dates" => PlanHost.CityPlan(food with { End = "2021-03-31" }),
            _ => PlanHost.CityPlan(food, PlanHost.WholePoolTask("T01", "1/10", "01-01")),
        };

        var result = await fixture.DraftAsync(draft, fixture.FoodDivision, HttpStatusCode.BadRequest);

        Assert.Contains($"\"field\":\"{field}\"", await result.ReadAsTextAsync(), StringComparison.Ordinal);
        Assert.Null(await fixture.ViewAsync(PlanHost.CityPlanId));
    }

    [Fact]
    public async Task A_district_plan_may_not_plan_a_city_coordinated_item()
    {
        var result = await fixture.DraftAsync(
            PlanHost.NanmingPlan(PlanHost.WholePoolTask("T01", "1/10", "01-01", "09-01")), fixture.NanmingBureau, HttpStatusCode.BadRequest);

        var text = await result.ReadAsTextAsync();
        Assert.Contains("\"field\":\"tasks[0].itemCodes[1]\"", text, StringComparison.Ordinal);
        Assert.Contains("市级统筹事项，不由区县重复计划", text, StringComparison.Ordinal);
        Assert.Contains("item 09-01 (生产领域产品质量监督抽查) is coordinated by the city", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Role.CreditOffice, PlanHost.Guiyang)]
    [InlineData(Role.Registrar, PlanHost.Guiyang)]
    [InlineData(Role.DistrictBureau, PlanHost.Nanming)]
    [InlineData(Role.BusinessDivision, "520300")]
    public async Task Only_a_planner_of_the_jurisdiction_drafts(Role role, string jurisdiction)
    {
        await fixture.DraftAsync(PlanHost.CityPlan(), fixture.Token(role, jurisdiction), HttpStatusCode.Forbidden);
        Assert.Null(await fixture.ViewAsync(PlanHost.CityPlanId));
    }

    [Fact]
    public async Task A_plan_is_drafted_once()
    {
        await fixture.DraftAsync(PlanHost.CityPlan(), fixture.FoodDivision);
        await fixture.DraftAsync(PlanHost.CityPlan(), fixture.FoodDivision, HttpStatusCode.Conflict);
        Assert.Single(await fixture.EventsAsync(PlanHost.CityPlanId));
    }

    [Fact]
    public async Task Of_concurrent_drafts_of_one_plan_exactly_one_wins()
    {
        var statuses = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            var result = await fixture.Host.Scenario(s =>
            {
                s.Post.Json(PlanHost.CityPlan()).ToUrl("/api/plans");
                s.As(fixture.FoodDivision);
                s.IgnoreStatusCode();
            });
            return result.Context.Response.StatusCode;
        }));

        Assert.Equal([201, 409, 409, 409], statuses.Order());
        Assert.Single(await fixture.EventsAsync(PlanHost.CityPlanId));
    }

    private async Task<IReadOnlyList<object>> EventsOrNone() =>
        await fixture.ViewAsync(PlanHost.CityPlanId) is null ? [] : await fixture.EventsAsync(PlanHost.CityPlanId);
}
