using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.Hosting;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Directories;
using NodaTime;

namespace FairDraw.Api.Tests.Entities;

[Collection(nameof(EntityDirectoryCollection))]
public sealed class ReadingThePast(EntityDirectoryHost fixture) : IAsyncLifetime
{
    private string Registrar => fixture.Token(Role.Registrar, "520102", "registrar-nanming");

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task As_of_queries_return_the_directory_as_it_stood_before_later_changes()
    {
        var code = RegisteringEntities.NanmingCode;
        var registeredAt = Instant.FromUtc(2021, 3, 1, 9, 0);
        fixture.Clock.Reset(registeredAt);
        await fixture.Host.Scenario(s =>
        {
            s.Post.Json(RegisteringEntities.Nanming(name: "旧名称")).ToUrl("/api/entities");
            s.As(Registrar);
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        });
        var before = await fixture.Host.GetAsJson<EntityRevision>($"/api/entities/{code}", Registrar);

        fixture.Clock.Reset(Instant.FromUtc(2021, 7, 1, 9, 0));
        await fixture.Host.Scenario(s =>
        {
            s.Put.Json(new UpdateEntityDetails("新名称", "新地址", "F5211", "A", [])).ToUrl($"/api/entities/{code}/details");
            s.As(Registrar);
        });
        fixture.Clock.Reset(Instant.FromUtc(2021, 9, 1, 9, 0));
        await fixture.Host.Scenario(s =>
        {
            s.Post.Json(new ChangeEntityStatus("注销", "注销登记")).ToUrl($"/api/entities/{code}/status");
            s.As(Registrar);
        });

        var now = await fixture.Host.GetAsJson<EntityRevision>($"/api/entities/{code}", Registrar);
        Assert.Equal(("新名称", EntityStatus.Deregistered, 3L), (now!.Name, now.Status, now.Version));

        var byPosition = await fixture.Host.GetAsJson<EntityRevision>($"/api/entities/{code}?asOfPosition={before!.FromSequence}", Registrar);
        Assert.Equal(("旧名称", RiskClass.B, 1L), (byPosition!.Name, byPosition.RiskClass, byPosition.Version));

        var inJune = await fixture.Host.GetAsJson<Page<EntityRevision>>("/api/entities?jurisdiction=520102&asOf=2021-06-30T00:00:00Z", Registrar);
        Assert.Equal("旧名称", Assert.Single(inJune!.Items).Name);

        var inAugust = await fixture.Host.GetAsJson<Page<EntityRevision>>("/api/entities?status=Existing&asOf=2021-08-01T00:00:00Z", Registrar);
        Assert.Equal(("新名称", 2L), (Assert.Single(inAugust!.Items).Name, inAugust.Items[0].Version));

        var beforeRegistration = await fixture.Host.GetAsJson<Page<EntityRevision>>("/api/entities?asOf=2021-02-01T00:00:00Z", Registrar);
        Assert.Empty(beforeRegistration!.Items);

        await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/entities/{code}?asOf=2021-02-01T00:00:00Z");
            s.As(Registrar);
            s.StatusCodeShouldBe(404);
        });
    }

    [Fact]
    public async Task A_malformed_as_of_is_a_400_naming_the_field()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/api/entities?asOf=yesterday");
            s.As(Registrar);
            s.StatusCodeShouldBe(400);
        });
        Assert.Equal("asOf", (await result.ReadAsJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("/api/entities?type=Shop", "type")]
    [InlineData("/api/entities?asOfPosition=yesterday", "asOfPosition")]
    [InlineData("/api/entities/91520102MA6DKXAB0X?asOfPosition=1e3", "asOfPosition")]
    [InlineData("/api/entities?tag=a%00b", "tag")]
    [InlineData("/api/inspectors?unit=%01", "unit")]
    public async Task An_unparseable_query_value_is_a_400_naming_the_field_not_an_ignored_filter(string url, string field)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.As(Registrar);
            s.StatusCodeShouldBe(400);
        });
        var problem = await result.ReadAsJsonAsync<JsonElement>();
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(field, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
