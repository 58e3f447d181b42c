using System.Text.Json;
using Alba;

namespace FairDraw.Api.Tests.Access;

/// <summary>The OpenAPI document states per operation who may call it: public reads need no token, the rest the bearer one.</summary>
[Collection(nameof(AccessCollection))]
public sealed class DescribingTheApi(AccessHost fixture)
{
    private Task<JsonElement> DocumentAsync() => fixture.OpenApiDocumentAsync();

    private static JsonElement Operation(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);

    private static IEnumerable<string> Schemes(JsonElement document, string path, string method)
    {
        var security = Operation(document, path, method).TryGetProperty("security", out var own) ? own
            : document.TryGetProperty("security", out var global) ? global : default;
        return security.ValueKind == JsonValueKind.Array
            ? security.EnumerateArray().SelectMany(requirement => requirement.EnumerateObject().Select(scheme => scheme.Name))
            : [];
    }

    [Fact]
    public async Task Public_operations_carry_no_security_requirement_and_secured_ones_the_bearer_scheme()
    {
        var document = await DocumentAsync();

        Assert.False(document.TryGetProperty("security", out _), "no document-wide requirement");
        Assert.Empty(Schemes(document, "/api/ledger/checkpoint", "get"));
        Assert.Empty(Schemes(document, "/api/tasks/{taskId}/draw/evidence", "get"));
        Assert.Empty(Schemes(document, "/api/item-lists", "get"));
        Assert.Equal(["Bearer"], Schemes(document, "/api/entities", "post"));
        Assert.Equal(["Bearer"], Schemes(document, "/api/ledger/checkpoint", "post"));
        Assert.Equal(["Bearer"], Schemes(document, "/api/entities", "get"));
    }

    [Theory]
    [InlineData("Instant", "date-time")]
    [InlineData("LocalDate", "date")]
    [InlineData("DivisionCode", null)]
    public async Task Values_written_as_strings_are_described_as_strings(string schema, string? format)
    {
        var described = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty(schema);

        Assert.Equal("string", described.GetProperty("type").GetString());
        Assert.Equal(format, described.TryGetProperty("format", out var given) ? given.GetString() : null);
    }

    [Fact]
    public async Task An_instant_that_may_be_absent_is_described_as_null_or_an_instant()
    {
        var toTime = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("EntityRevision").GetProperty("properties").GetProperty("toTime");

        Assert.Equal(
            ["null", "#/components/schemas/Instant"],
            toTime.GetProperty("oneOf").EnumerateArray().Select(option => option.TryGetProperty("$ref", out var reference) ? reference.GetString() : option.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Operations_are_summarised_by_their_endpoints_comments_not_by_generated_ids()
    {
        var document = await DocumentAsync();
        var undocumented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Endpoint: $"{operation.Name} {path.Name}", Operation: operation.Value)))
            .Where(entry => !entry.Operation.TryGetProperty("summary", out var summary) || summary.GetString() == entry.Operation.GetProperty("operationId").GetString())
            .Select(entry => entry.Endpoint);
        Assert.Empty(undocumented);

        var verify = Operation(document, "/api/ledger/verify", "get");

        Assert.StartsWith("Verifies the whole ledger", verify.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.False(verify.TryGetProperty("description", out var description) && description.GetString() == verify.GetProperty("operationId").GetString());
    }

    [Fact]
    public async Task The_draw_adjustments_require_the_approvers_countersignature_header()
    {
        var document = await DocumentAsync();

        foreach (var path in new[] { "/api/tasks/{taskId}/draw/substitutions", "/api/tasks/{taskId}/draw/reassignments" })
        {
            var header = Operation(document, path, "post").GetProperty("parameters").EnumerateArray()
                .Single(parameter => parameter.GetProperty("in").GetString() == "header");
            Assert.Equal(("X-Approval-Token", true), (header.GetProperty("name").GetString(), header.GetProperty("required").GetBoolean()));
        }

        Assert.False(Operation(document, "/api/tasks/{taskId}/draw/execution", "post").TryGetProperty("parameters", out var parameters)
            && parameters.EnumerateArray().Any(parameter => parameter.GetProperty("in").GetString() == "header"));
    }

    [Fact]
    public async Task The_imports_describe_their_file_bodies_and_errors_are_problem_details()
    {
        var document = await DocumentAsync();

        foreach (var path in new[] { "/api/entities/import", "/api/item-lists/import" })
        {
            var content = Operation(document, path, "post").GetProperty("requestBody").GetProperty("content");
            Assert.Equal(["multipart/form-data", "text/csv"], content.EnumerateObject().Select(type => type.Name).Order());
            Assert.True(content.GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties").TryGetProperty("file", out _));
        }

        var register = Operation(document, "/api/entities", "post").GetProperty("responses");
        Assert.All(
            new[] { "400", "401", "403", "default" },
            status => Assert.Equal(
                "#/components/schemas/ProblemDetails",
                register.GetProperty(status).GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString()));
        Assert.False(Operation(document, "/api/ledger/checkpoint", "get").GetProperty("responses").TryGetProperty("401", out _));
    }

    [Fact]
    public async Task A_receipts_position_read_from_the_route_as_text_is_still_described_as_a_positive_integer()
    {
        var sequence = Operation(await DocumentAsync(), "/api/ledger/receipts/{sequence}", "get").GetProperty("parameters")
            .EnumerateArray().Single(parameter => parameter.GetProperty("name").GetString() == "sequence").GetProperty("schema");

        Assert.Equal(("integer", "int64", 1), (sequence.GetProperty("type").GetString(), sequence.GetProperty("format").GetString(), sequence.GetProperty("minimum").GetInt32()));
    }
}
