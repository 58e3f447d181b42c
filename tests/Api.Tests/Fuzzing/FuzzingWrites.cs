using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using FairDraw.Api.Tests.Access;
using FairDraw.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FairDraw.Api.Tests.Fuzzing;

/// <summary>
/// A property of every write endpoint the authorisation matrix lists (a new endpoint is fuzzed as soon as it is
/// listed there): whatever body the allowed actor sends — JSON grown from the endpoint's valid body, or a CSV file
/// grown from its valid file — the API never answers 5xx, and a refused request writes no ledger event.
/// Bounded by count, <c>FAIRDRAW_FUZZ_ITERATIONS</c> bodies per endpoint (default 30, well under a second each); a
/// failure prints the CsCheck seed, and <c>FAIRDRAW_FUZZ_SEED</c> replays it. (A time bound would let the first call,
/// which compiles the endpoint's handler, use up an endpoint's whole share.)
/// </summary>
[Collection(nameof(AccessCollection))]
public sealed class FuzzingWrites(AccessHost fixture) : IAsyncLifetime
{
    private static readonly long Iterations = long.TryParse(Environment.GetEnvironmentVariable("FAIRDRAW_FUZZ_ITERATIONS"), out var given) ? given : 30;
    private static readonly string? Seed = Environment.GetEnvironmentVariable("FAIRDRAW_FUZZ_SEED") is { Length: > 0 } seed ? seed : null;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await WriteCases.SeedAsync(fixture);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(WriteCases.Endpoints), MemberType = typeof(WriteCases))]
    public async Task No_body_gets_a_5xx_and_a_refused_one_writes_nothing(string endpoint)
    {
        var write = await WriteCases.PreparedAsync(fixture, endpoint);

        var token = fixture.Token(write.Allowed.Role, write.Allowed.Jurisdiction);
        var (bodies, contentType) = write.Body is CsvBody csv
            ? (FuzzBodies.Csv(csv.Text), "text/csv")
            : (FuzzBodies.Json(ValidJson(write.Body)), "application/json");

        await bodies.SampleAsync(
            async bytes =>
            {
                var before = await fixture.EventsAsync();
                var result = await fixture.Host.Scenario(s =>
                {
                    (write with { Body = new RawBody(bytes, contentType) }).Send(s, fixture);
                    s.As(token);
                    s.IgnoreStatusCode();
                });
                var status = result.Context.Response.StatusCode;
                Assert.True(status < 500, $"{endpoint} answered {status}: {await result.ReadAsTextAsync()}");
                if (status >= 300)
                {
                    Assert.Equal(before, await fixture.EventsAsync());
                }
            },
            seed: Seed,
            iter: Iterations,
            threads: 1,
            print: bytes => System.Text.Encoding.UTF8.GetString(bytes));
    }

    /// <summary>The valid body as the API reads it (its JSON options: camelCase, enums and NodaTime values as strings).</summary>
    private JsonNode? ValidJson(object? body)
    {
        var made = body is DeferredBody deferred ? deferred.Make() : body;
        var options = fixture.Host.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        return made is null ? null : JsonSerializer.SerializeToNode(made, made.GetType(), options);
    }
}
