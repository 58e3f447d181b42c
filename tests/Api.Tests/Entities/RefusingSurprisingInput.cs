using System.Text;
using System.Text.Json;
using Alba;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using Microsoft.AspNetCore.Http;

namespace FairDraw.Api.Tests.Entities;

/// <summary>
/// What a registry refuses that a lenient reader would take: a name that displays differently from its bytes or spans
/// lines, a member given twice, ten thousand tags, a code with white space around it — in JSON and CSV alike, each with
/// the field and reason, and nothing written.
/// </summary>
[Collection(nameof(EntityDirectoryCollection))]
public sealed class RefusingSurprisingInput(EntityDirectoryHost fixture) : IAsyncLifetime
{
    private const string Header = "uscc,name,type,jurisdiction,registrationAuthority,address,industry,riskClass,tags";

    private string Registrar => fixture.Token(Role.Registrar, "520102");

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, string> JsonBodies => new()
    {
        { Body(name: "示例\u202Egnp.exe公司"), "name", "U+202E" },
        { Body(name: "示例\n公司"), "name", "line break" },
        { Body(address: "示例路\u20281号"), "address", "U+2028" },
        { Body(uscc: " " + RegisteringEntities.NanmingCode), "uscc", "white space" },
        { Body(tags: [.. Enumerable.Range(0, 10_000).Select(i => $"t{i}")]), "tags", "at most 20" },
        { Body()[..^1] + $",\"name\":\"另一个名称\"}}", "name", "more than once" },
    };

    [Theory]
    [MemberData(nameof(JsonBodies))]
    public async Task A_json_registration_is_refused_naming_the_field_and_nothing_is_written(string body, string field, string reason)
    {
        var before = await fixture.EventsAsync();

        var problem = await RefusedAsync(s => s.Post.Text(body).ToUrl("/api/entities").ContentType("application/json"));

        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await fixture.EventsAsync());
    }

    public static TheoryData<string, string, string> CsvRows => new()
    {
        { Row(uscc: " " + RegisteringEntities.NanmingCode), "uscc", "white space" },
        { Row(name: "\"示例\n公司\""), "name", "line break" },
        { Row(name: "示例\u202E公司"), "name", "U+202E" },
        { Row(tags: string.Join(';', Enumerable.Range(0, 21).Select(i => $"t{i}"))), "tags", "at most 20" },
    };

    [Theory]
    [MemberData(nameof(CsvRows))]
    public async Task A_csv_row_is_refused_naming_its_line_and_field_and_nothing_is_written(string row, string field, string reason)
    {
        var before = await fixture.EventsAsync();

        var problem = await RefusedAsync(s => s.Post.ByteArray(Encoding.UTF8.GetBytes($"{Header}\n{row}\n")).ToUrl("/api/entities/import").ContentType("text/csv"));

        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((2, field), (error.GetProperty("line").GetInt32(), error.GetProperty("field").GetString()));
        Assert.Contains(reason, error.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await fixture.EventsAsync());
    }

    [Fact]
    public async Task Twenty_tags_and_the_exact_code_are_registered()
    {
        await fixture.Host.Scenario(s =>
        {
            s.Post.Text(Body(tags: [.. Enumerable.Range(0, 20).Select(i => $"t{i}")])).ToUrl("/api/entities").ContentType("application/json");
            s.As(Registrar);
            s.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
    }

    private async Task<JsonElement> RefusedAsync(Action<Scenario> request)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            request(s);
            s.As(Registrar);
            s.StatusCodeShouldBe(StatusCodes.Status400BadRequest);
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
    }

    private static string Body(string? uscc = null, string name = "贵阳南明示例商贸有限公司", string address = "南明区示例路1号", string[]? tags = null) =>
        JsonSerializer.Serialize(RegisteringEntities.Nanming(uscc, name) with { Address = address, Tags = tags ?? ["食品经营"] }, JsonSerializerOptions.Web);

    private static string Row(string? uscc = null, string name = "示例", string tags = "食品经营") =>
        $"{uscc ?? RegisteringEntities.NanmingCode},{name},企业,520102,南明区市场监督管理局,示例路1号,F5211,C,{tags}";
}
