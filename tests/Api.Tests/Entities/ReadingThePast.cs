using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.Reads;
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
    public async Task The_type_risk_class_industry_and_tag_filters_list_exactly_the_matching_entities()
    {
        var shop = Uscc.Complete("91520102MA6DKX11").Value;
        var stall = Uscc.Complete("92520102MA6DKX12").Value;
        var cooperative = Uscc.Complete("93520102MA6DKX13").Value;
        var association = Uscc.Complete("52520102MJ000014").Value;
        var restaurant = Uscc.Complete("91520102MA6DKX15").Value;
        EntityInput[] entities =
        [
            new(shop, "示例百货有限公司", "企业", "520102", "南明区市场监督管理局", "示例路1号", "F5211", "A", ["食品经营", "小微"]),
            new(stall, "示例食品店", "个体工商户", "520102", "南明区市场监督管理局", "示例路2号", "F5221", "B", ["食品经营"]),
            new(cooperative, "示例种植农民专业合作社", "农民专业合作社", "520102", "南明区市场监督管理局", "示例路3号", "A0141", "C", ["农资"]),
            new(association, "示例行业协会", "其他", "520102", "南明区民政局", "示例路4号", "F52", "D", ["食品"]),
            new(restaurant, "示例餐饮有限公司", "企业", "520102", "南明区市场监督管理局", "示例路5号", "H6210", "B", ["餐饮服务"]),
        ];
        foreach (var entity in entities)
        {
            await fixture.PostAsync("/api/entities", entity, Registrar, HttpStatusCode.Created);
        }

        // Listed in code order: the association's 52… before the enterprises' 91…, the stall's 92… and the cooperative's 93….
        async Task<string[]> Listed(string query) =>
            [.. (await fixture.Host.GetAsJson<Page<EntityRevision>>("/api/entities?" + query, Registrar))!.Items.Select(e => e.Uscc)];

        Assert.Equal([shop, restaurant], await Listed("type=Enterprise"));
        Assert.Equal([stall], await Listed("type=IndividualBusiness"));
        Assert.Equal([cooperative], await Listed("type=FarmerCooperative"));
        Assert.Equal([association], await Listed("type=Other"));

        Assert.Equal([shop], await Listed("riskClass=A"));
        Assert.Equal([restaurant, stall], await Listed("riskClass=B"));
        Assert.Equal([cooperative], await Listed("riskClass=C"));
        Assert.Equal([association], await Listed("riskClass=D"));

        Assert.Equal([association, shop, stall], await Listed("industry=F52"));
        Assert.Equal([shop], await Listed("industry=F521"));
        Assert.Equal([shop], await Listed("industry=F5211"));
        Assert.Equal([restaurant], await Listed("industry=H"));
        Assert.Empty(await Listed("industry=F53"));
        Assert.Empty(await Listed("industry=F_2")); // a prefix of the code as written, not a LIKE pattern
        Assert.Empty(await Listed("industry=%25"));

        Assert.Equal([shop, stall], await Listed("tag=" + Uri.EscapeDataString("食品经营")));
        Assert.Equal([association], await Listed("tag=" + Uri.EscapeDataString("食品")));
        Assert.Equal([shop], await Listed("tag=" + Uri.EscapeDataString("小微")));
        Assert.Empty(await Listed("tag=" + Uri.EscapeDataString("药品")));

        Assert.Equal([restaurant], await Listed("type=Enterprise&riskClass=B"));
        Assert.Equal([stall], await Listed("industry=F52&tag=" + Uri.EscapeDataString("食品经营") + "&riskClass=B"));

        // The filters read the current revision: a changed tag and risk class move the entity between the lists.
        await fixture.Host.Scenario(s =>
        {
            s.Put.Json(new UpdateEntityDetails("示例餐饮有限公司", "示例路5号", "H6210", "C", ["食品经营"])).ToUrl($"/api/entities/{restaurant}/details");
            s.As(Registrar);
        });
        Assert.Equal([shop, restaurant, stall], await Listed("tag=" + Uri.EscapeDataString("食品经营")));
        Assert.Empty(await Listed("tag=" + Uri.EscapeDataString("餐饮服务")));
        Assert.Equal([restaurant, cooperative], await Listed("riskClass=C"));
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
