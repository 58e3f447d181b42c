using System.Net;
using Alba;
using FairDraw.Api.Plans;
using FairDraw.Api.Reads;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Plans;

namespace FairDraw.Api.Tests.Plans;

[Collection(nameof(PlanCollection))]
public sealed class ReadingPlans(PlanHost fixture) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await fixture.SeedAsync();
        await fixture.DraftAsync(PlanHost.CityPlan(), fixture.FoodDivision);
        await fixture.FileAsync(PlanHost.CityPlanId);
        await fixture.DraftAsync(PlanHost.NanmingPlan(), fixture.NanmingBureau);
        await fixture.DraftAsync(PlanHost.NanmingPlan() with { Year = 2022, Tasks = [PlanHost.WholePoolTask("T01", "1/20", "01-01") with { Start = "2022-05-01", End = "2022-10-31" }] }, fixture.NanmingBureau);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<Page<PlanSummary>?> List(string query) =>
        fixture.Host.GetAsJson<Page<PlanSummary>>("/api/plans" + query, fixture.Token(Role.Inspector, PlanHost.Nanming));

    [Fact]
    public async Task Plans_are_listed_by_year_and_jurisdiction_and_a_city_covers_its_districts()
    {
        Assert.Equal(["2021-520100-SPSC", "2021-520102-NM01", "2022-520102-NM01"], (await List(""))!.Items.Select(p => p.PlanId));
        Assert.Equal(["2021-520100-SPSC", "2021-520102-NM01"], (await List("?year=2021&jurisdiction=520100"))!.Items.Select(p => p.PlanId));
        Assert.Equal(["2021-520102-NM01", "2022-520102-NM01"], (await List("?jurisdiction=520102"))!.Items.Select(p => p.PlanId));
        Assert.Empty((await List("?jurisdiction=520103"))!.Items);

        var city = Assert.Single((await List("?year=2021&jurisdiction=520100&page=1&pageSize=1"))!.Items);
        Assert.Equal(
            new PlanSummary("2021-520100-SPSC", 2021, "520100", "SPSC", "食品生产监督管理处", "520100", "2021版", PlanStatus.Filed, 1, 4, 3, 1, 0, 2),
            city);
        var second = await List("?year=2021&jurisdiction=520100&page=2&pageSize=1&count=true");
        Assert.Equal(((long?)2, "2021-520102-NM01"), (second!.Total, Assert.Single(second.Items).PlanId));
    }

    [Fact]
    public async Task Bad_paging_is_refused()
    {
        await fixture.SendAsync(s => s.Get.Url("/api/plans?pageSize=501"), fixture.FoodDivision, HttpStatusCode.BadRequest);
        await fixture.SendAsync(s => s.Get.Url("/api/plans?jurisdiction=52"), fixture.FoodDivision, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Plans_need_a_token()
    {
        await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/api/plans");
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });
        await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/plans/{PlanHost.CityPlanId}");
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });
    }

    [Fact]
    public async Task The_plan_endpoints_are_in_the_OpenAPI_document()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/openapi/v1.json");
            s.StatusCodeShouldBeOk();
        });

        var document = await result.ReadAsTextAsync();
        foreach (var path in new[] { "/api/plans", "/api/plans/{planId}", "/api/plans/{planId}/filing", "/api/plans/{planId}/filing/acknowledgement", "/api/plans/{planId}/adjustments", "/api/plans/{planId}/history", "/api/statistics/coverage" })
        {
            Assert.Contains($"\"{path}\"", document, StringComparison.Ordinal);
        }
    }
}
