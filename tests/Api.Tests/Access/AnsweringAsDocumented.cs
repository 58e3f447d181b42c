using System.Text.Json;
using Alba;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;

namespace FairDraw.Api.Tests.Access;

/// <summary>
/// Every read of the OpenAPI document, called for real over data in every state (an entity, an inspector, a published
/// list, a filed plan and a task drawn to the end, a signed checkpoint), answers the success status it documents. The
/// writes are checked the same way by <see cref="AuthorisationMatrix"/>, with the call each makes.
/// </summary>
[Collection(nameof(AccessCollection))]
public sealed class AnsweringAsDocumented(AccessHost fixture) : IAsyncLifetime
{
    /// <summary>A value for each path parameter and the query parameters that select something, naming the seeded data.</summary>
    private static readonly Dictionary<string, string> Values = new()
    {
        ["uscc"] = WriteCases.Entity,
        ["id"] = WriteCases.Inspector,
        ["jurisdiction"] = "520100",
        ["version"] = "2021版",
        ["code"] = "01-01",
        ["planId"] = "2021-520102-NM01",
        ["taskId"] = "2021-520102-NM01-T01",
        ["sequence"] = "1",
        ["year"] = "2021",
        ["from"] = "1",
        ["to"] = "2",
        ["package"] = "curves",   // the verifier's dependency, as verifier/node_modules holds it (npm ci)
        ["path"] = "bls12-381.js",
        ["sha256"] = WriteCases.EvidenceSha256,
        ["name"] = "portal.mjs",  // a file of the portal's layout
    };

    /// <summary>Reads whose query takes values of its own (a date where the proofs' <c>from</c> is a tree size; a plan's parts).</summary>
    private static readonly Dictionary<string, string> Queries = new()
    {
        ["/api/calendar/working-days"] = "from=2021-09-10&add=20",
        ["/api/duty/reports"] = "year=2021&jurisdiction=520102&department=NM01",
        ["/api/duty/bundles"] = "year=2021&jurisdiction=520102&department=NM01",
    };

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await WriteCases.SeedAsync(fixture);
        // A drawn task with a recorded result referencing an uploaded evidence file.
        await WriteCases.All.Single(c => c.Route == "/api/tasks/{taskId}/results/{entityId}/{itemCode}/corrections").Prepare!(fixture);
        await fixture.PostAsync("/api/ledger/checkpoint", null, fixture.Token(Role.Auditor));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_read_answers_the_success_status_its_operation_documents()
    {
        var document = await fixture.OpenApiDocumentAsync();
        var reads = document.GetProperty("paths").EnumerateObject()
            .Where(path => path.Value.TryGetProperty("get", out _))
            .Select(path => (Route: path.Name, Operation: path.Value.GetProperty("get")))
            .ToList();
        Assert.NotEmpty(reads);

        var mismatches = new List<string>();
        foreach (var (route, operation) in reads)
        {
            var url = Url(route, operation);
            var result = await fixture.Host.Scenario(s =>
            {
                s.Get.Url(url);
                s.As(fixture.Token(Role.Auditor));
                s.IgnoreStatusCode();
            });
            var documented = DocumentedStatuses.Successes(operation);
            if (!documented.SequenceEqual([result.Context.Response.StatusCode]))
            {
                mismatches.Add($"GET {url}: answered {result.Context.Response.StatusCode}, documents {string.Join(", ", documented)}");
            }
        }

        Assert.Empty(mismatches);
    }

    /// <summary>The route with its parameters filled in, and every query parameter there is a value for (some that are required are not marked so).</summary>
    private static string Url(string route, JsonElement operation)
    {
        if (Queries.TryGetValue(route, out var own))
        {
            return $"{route}?{own}";
        }

        var url = Values.Aggregate(route, (text, value) => text.Replace($"{{{value.Key}}}", Uri.EscapeDataString(value.Value), StringComparison.Ordinal));
        var query = operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray()
                .Where(p => p.GetProperty("in").GetString() == "query")
                .Select(p => p.GetProperty("name").GetString()!)
                .Where(Values.ContainsKey)
                .Select(name => $"{name}={Uri.EscapeDataString(Values[name])}")
                .ToList()
            : [];
        return query.Count == 0 ? url : $"{url}?{string.Join('&', query)}";
    }
}
