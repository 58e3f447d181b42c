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
        "/api/item-lists",                          // published lists only, without a token
        "/api/item-lists/{jurisdiction}/{version}", // 401 for a draft, without a token
        "/api/ledger/checkpoint",
        "/api/ledger/proofs/consistency",
        "/api/ledger/receipts/{sequence}",          // public streams only, without a token
        "/api/tasks/{taskId}/draw",
        "/api/tasks/{taskId}/draw/evidence",
        "/api/tasks/{taskId}/draw/verification",
        "/docs/favicon.svg",
        "/docs/scalar.aspnetcore.js",
        "/docs/scalar.js",
        "/docs/{documentName?}",
        "/openapi/{documentName}.json",
        "/verifier/draw-verifier.mjs",
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
        }
    }
}
