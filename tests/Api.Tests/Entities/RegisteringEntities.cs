using System.Net;
using Alba;
using FairDraw.Api.Entities;
using FairDraw.Api.Reads;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Directories;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;

namespace FairDraw.Api.Tests.Entities;

[Collection(nameof(EntityDirectoryCollection))]
public sealed class RegisteringEntities(EntityDirectoryHost fixture) : IAsyncLifetime
{
    public static readonly string NanmingCode = Uscc.Complete("91520102MA6DKXAB").Value;

    public static EntityInput Nanming(string? uscc = null, string name = "贵阳南明示例商贸有限公司") =>
        new(uscc ?? NanmingCode, name, "企业", "520102", "贵阳市南明区市场监督管理局", "南明区示例路1号", "F5211", "B", ["食品经营"]);

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Registering_an_entity_appends_one_event_and_shows_it_in_the_directory()
    {
        var input = Nanming();
        var uscc = Uscc.Parse(input.Uscc).Value;

        await fixture.Host.Scenario(s =>
        {
            s.Post.Json(input).ToUrl("/api/entities");
            s.As(fixture.Token(Role.Registrar, "520102", "registrar-nanming"));
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        });

        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync("entity:" + uscc);
        var registered = Assert.IsType<EntityRegistered>(Assert.Single(events).Data);
        Assert.Equal(("贵阳南明示例商贸有限公司", EntityType.Enterprise, "520102", "registrar-nanming"), (registered.Name, registered.Type, registered.Jurisdiction.Value, registered.RegisteredBy));

        var page = await fixture.Host.GetAsJson<Page<EntityRevision>>("/api/entities?jurisdiction=520100", fixture.Token(Role.Auditor));
        var listed = Assert.Single(page!.Items);
        Assert.Equal((uscc, EntityStatus.Existing, RiskClass.B, 1L), (listed.Uscc, listed.Status, listed.RiskClass, listed.Version));
        Assert.Equal(["食品经营"], listed.Tags);
        Assert.Equal((registered.RegisteredAt, (Instant?)null), (listed.FromTime, listed.ToTime));

        // Times reach the API's JSON as NodaTime instants (ISO 8601 in UTC, "Z"), as everywhere else.
        var json = await fixture.Host.GetAsText($"/api/entities/{uscc}", fixture.Token(Role.Auditor));
        Assert.Contains($"\"fromTime\":\"{InstantPattern.ExtendedIso.Format(registered.RegisteredAt)}\"", json);

        var elsewhere = await fixture.Host.GetAsJson<Page<EntityRevision>>("/api/entities?jurisdiction=520103", fixture.Token(Role.Auditor));
        Assert.Empty(elsewhere!.Items);
    }

    [Theory]
    [InlineData("""{"uscc":"91520102MA6DKXAB0X","name":"示例","tags":"食品经营"}""", "tags")]
    [InlineData("""{"uscc":"91520102MA6DKXAB0X","name":{"zh":"示例"}}""", "name")]
    [InlineData("""not json""", "body")]
    [InlineData("""[1, 2]""", "body")]
    [InlineData(""" null """, "body")]
    [InlineData("""{"uscc":"91520102MA6DKXAB0X","name":"示例","riskClas":"A"}""", "riskClas")] // misspelt: refused, not dropped
    public async Task A_malformed_or_wrongly_typed_body_is_a_400_naming_the_member(string body, string field)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Post.ByteArray(System.Text.Encoding.UTF8.GetBytes(body)).ToUrl("/api/entities").ContentType("application/json");
            s.As(fixture.Token(Role.Registrar, "520102", "registrar-nanming"));
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
        var problem = await result.ReadAsJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(field == problem.GetProperty("field").GetString(), problem.ToString());
        Assert.StartsWith("请求体", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_control_character_is_a_400_naming_the_field_and_writes_nothing()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Post.Json(Nanming(name: "贵阳南明\u0000示例商贸有限公司")).ToUrl("/api/entities");
            s.As(fixture.Token(Role.Registrar, "520102", "registrar-nanming"));
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });

        Assert.Contains("\"field\":\"name\"", await result.ReadAsTextAsync(), StringComparison.Ordinal);
        var page = await fixture.Host.GetAsJson<Page<EntityRevision>>("/api/entities?jurisdiction=520100", fixture.Token(Role.Auditor));
        Assert.Empty(page!.Items);
    }
}
