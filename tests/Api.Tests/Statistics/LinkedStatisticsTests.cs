using System.Net;
using FairDraw.Api.Entities;
using FairDraw.Api.InspectionResults;
using FairDraw.Api.Plans;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Results;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;

namespace FairDraw.Api.Tests.Statistics;

/// <summary>
/// The statistics beside the results': the coverage's link to them, and the existing enterprises of the draws host
/// (80 in 南明区 520102, 80 in 云岩区 520103) with the city's total and the jurisdiction filter.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class LinkedStatisticsTests(DrawHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Given_a_year_in_a_city_When_its_coverage_is_read_Then_it_links_to_the_same_years_result_statistics()
    {
        var coverage = await fixture.Host.GetAsJson<CoverageStatistics>("/api/statistics/coverage?year=2021&jurisdiction=520100", Registrar);

        Assert.Equal($"{ResultStatisticsEndpoint.Path}?year=2021&jurisdiction=520100", coverage!.Links.Results);
        var results = await fixture.Host.GetAsJson<ResultStatisticsReport>(coverage.Links.Results, Registrar);
        Assert.Equal((2021, "520100"), (results!.Year, results.Jurisdiction));
    }

    [Fact]
    public async Task Given_enterprises_in_two_districts_When_counted_for_all_the_city_or_a_district_Then_the_city_total_stands_beside_them()
    {
        ExistingEnterprises[] districts = [new("520102", 80), new("520103", 80)];
        ExistingEnterprises[] city = [new("520100", 160, Total: true), .. districts];

        Assert.Equal(city, await CountAsync(""));
        Assert.Equal(city, await CountAsync("?jurisdiction=520100"));
        Assert.Equal(city, await CountAsync("?jurisdiction=520000"));
        Assert.Equal([districts[1]], await CountAsync("?jurisdiction=520103"));
        Assert.Empty(await CountAsync("?jurisdiction=520200&asOfPosition=1"));
    }

    [Fact]
    public async Task Given_a_malformed_jurisdiction_When_enterprises_are_counted_Then_the_problem_names_it()
    {
        var problem = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/api/statistics/existing-enterprises?jurisdiction=5201");
            s.As(Registrar);
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });

        Assert.Equal("jurisdiction", await problem.FieldAsync());
    }

    private string Registrar => fixture.Token(Role.Registrar);

    private async Task<List<ExistingEnterprises>> CountAsync(string query) =>
        (await fixture.Host.GetAsJson<List<ExistingEnterprises>>($"/api/statistics/existing-enterprises{query}", Registrar))!;
}
