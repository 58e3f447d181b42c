using Alba;
using FairDraw.Api.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Access;

/// <summary>
/// Every read: those meant for the public (一公开: published lists, draws and their verification, the ledger's signed
/// checkpoints and proofs, the API reference) are listed here, so a stray [AllowAnonymous] fails; every other read
/// answers 401 without a token.
/// </summary>
[Collection(nameof(AccessCollection))]
public sealed class AnonymousReads(AccessHost fixture)
{
    private static readonly string[] Public =
    [
        "/",                                        // the portal's home page (its pages read the public API)
        "/api/attachments/{sha256}",                // files of published results only, without a token
        "/api/calendar/working-days",               // the official calendar, for anyone to check a deadline
        "/api/item-lists",                          // published lists only, without a token
        "/api/item-lists/{jurisdiction}/{version}", // 401 for a draft, without a token
        "/api/ledger/checkpoint",
        "/api/ledger/proofs/consistency",
        "/api/ledger/receipts/{sequence}",          // public streams only, without a token
        "/api/public/commitments/pending",          // committed rounds waiting for their sources
        "/api/public/entities/{uscc}/draws",        // per-entity proofs of frozen rounds (public task draws)
        "/api/public/entities/{uscc}/results",      // published results only
        "/api/public/plans",                        // filed plans only, never drafts
        "/api/public/results",                      // a search of the published results only
        "/api/public/tasks/{taskId}/results",       // published results only
        "/api/tasks/{taskId}/draw",
        "/api/tasks/{taskId}/draw/evidence",
        "/api/tasks/{taskId}/draw/verification",
        "/docs/favicon.svg",
        "/docs/scalar.aspnetcore.js",
        "/docs/scalar.js",
        "/docs/{documentName?}",
        "/duty",                                    // 履职核验, a portal page (the bundle is read in the browser)
        "/entities/{uscc}",                         // 企业页, a portal page
        "/health",                                  // 503 with the reason when the ledger's signer refused
        "/ledger",
        "/openapi/{documentName}.json",
        "/portal/assets/{name}",
        "/results",
        "/tasks/{taskId}",
        "/verifier/drand-chains.json",
        "/verifier/drand.mjs",
        "/verifier/draw-verifier.mjs",
        "/verifier/duty-clauses.mjs",
        "/verifier/duty-verifier.mjs",
        "/verifier/entity-proof.mjs",
        "/verifier/log-consistency.mjs",
        "/verifier/node_modules/@noble/{package}/{**path}", // the verifier's one dependency, for the page's import map
        "/verifier/tickets.mjs",
        "/verifier/witnessed-time.mjs",
        "/verifier/working-days.mjs",
        "/verify/assets/verify.js",
        "/verify/{taskId}",
    ];

    private IReadOnlyList<(string Route, bool Anonymous)> Reads() =>
        [.. fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => (e.RoutePattern.RawText!, e.Metadata.GetMetadata<IAllowAnonymous>() is not null))
            .Distinct()
            .OrderBy(read => read.Item1, StringComparer.Ordinal)];

    [Fact]
    public void Only_the_public_reads_allow_anonymous_callers()
    {
        Assert.Equal(Public, Reads().Where(read => read.Anonymous).Select(read => read.Route).ToArray());
    }

    [Fact]
    public async Task Every_other_read_answers_401_without_a_token()
    {
        var closed = Reads().Where(read => !read.Anonymous).Select(read => read.Route).ToList();
        Assert.Contains("/api/entities/{uscc}/history", closed);
        foreach (var route in closed)
        {
            // Any value serves for the route's parameters: authentication comes before the handler looks at them.
            var url = System.Text.RegularExpressions.Regex.Replace(route, "{[^}]+}", "1");
            var result = await fixture.Host.Scenario(s =>
            {
                s.Get.Url(url);
                s.IgnoreStatusCode();
            });
            Assert.True(result.Context.Response.StatusCode == StatusCodes.Status401Unauthorized, $"GET {route} answered {result.Context.Response.StatusCode} without a token");
            await AssertUnauthorisedProblemAsync(result, $"GET {route}");
        }
    }

    [Fact]
    public async Task A_write_without_a_token_and_a_read_with_an_invalid_one_are_also_401_problem_details()
    {
        var write = await fixture.Host.Scenario(s =>
        {
            s.Post.Json(new { }).ToUrl("/api/entities");
            s.StatusCodeShouldBe(StatusCodes.Status401Unauthorized);
        });
        await AssertUnauthorisedProblemAsync(write, "POST /api/entities");
        Assert.Equal("Bearer", write.Context.Response.Headers.WWWAuthenticate.ToString());

        var forged = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/api/entities");
            s.WithRequestHeader("Authorization", "Bearer " + fixture.Token(Ledger.Access.Role.Auditor)[..^4] + "AAAA");
            s.WithRequestHeader("Accept", "application/json");
            s.StatusCodeShouldBe(StatusCodes.Status401Unauthorized);
        });
        await AssertUnauthorisedProblemAsync(forged, "GET /api/entities with a forged token");
        Assert.StartsWith("Bearer error=\"invalid_token\"", forged.Context.Response.Headers.WWWAuthenticate.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The body of a 401 is RFC 7807 problem details, like every other failure of the API.</summary>
    private static async Task AssertUnauthorisedProblemAsync(IScenarioResult result, string request)
    {
        Assert.True(result.Context.Response.ContentType == "application/problem+json", $"{request} answered 401 as {result.Context.Response.ContentType ?? "no content type"}");
        var problem = await result.ReadAsJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(StatusCodes.Status401Unauthorized, problem.GetProperty("status").GetInt32());
        Assert.Equal("Unauthorized", problem.GetProperty("title").GetString());
    }
}
