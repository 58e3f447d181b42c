using System.Net;
using System.Text;
using System.Text.Json;
using Alba;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Inspectors;

namespace FairDraw.Api.Tests.Public;

/// <summary>
/// What every answer carries (a Content-Security-Policy that allows only this origin's scripts and no framing, and
/// nosniff), and how much of a caller's value a problem repeats: a long value comes back cut to 64 characters and "…".
/// </summary>
[Collection(nameof(PublicPageCollection))]
public sealed class GuardingResponses(PublicPageHost fixture)
{
    [Theory]
    [InlineData("/verify/" + DrawHost.TaskId)]
    [InlineData("/verify/assets/verify.js")]
    [InlineData("/")]
    [InlineData("/tasks/" + DrawHost.TaskId)]
    [InlineData("/results")]
    [InlineData("/ledger")]
    [InlineData("/portal/assets/portal.mjs")]
    [InlineData("/verifier/draw-verifier.mjs")]
    [InlineData("/api/tasks/" + DrawHost.TaskId + "/draw")]
    [InlineData("/api/tasks/no-such-task/draw")]
    [InlineData("/api/ledger/checkpoint")]
    [InlineData("/api/entities")]
    [InlineData("/openapi/v1.json")]
    public async Task Every_answer_forbids_framing_sniffing_and_foreign_or_inline_scripts(string path)
    {
        using var response = await fixture.Server.Client.GetAsync(path);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries).ToHashSet();
        Assert.Contains("frame-ancestors 'none'", directives);
        // The portal's pages alone add the hash of their import map, their one inline element; nothing runs inline else.
        Assert.Contains(FairDraw.Api.Public.PortalPages.Serves(path) ? FairDraw.Api.Public.PortalPages.Policy.Split(';')[1].Trim() : "script-src 'self'", directives);
        Assert.Matches("^script-src 'self'( 'sha256-[A-Za-z0-9+/]{43}=')?$", directives.Single(d => d.StartsWith("script-src", StringComparison.Ordinal)));
        Assert.Contains("default-src 'none'", directives);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task The_api_reference_may_run_its_inline_start_but_not_be_framed()
    {
        using var response = await fixture.Server.Client.GetAsync("/docs/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries);
        Assert.Contains("frame-ancestors 'none'", directives);
        Assert.Contains("script-src 'self' 'unsafe-inline'", directives);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    /// <summary>The page's import map points into verifier/node_modules: only @noble's module files are served from there.</summary>
    [Theory]
    [InlineData("/verifier/node_modules/@noble/curves/bls12-381.js", HttpStatusCode.OK)]
    [InlineData("/verifier/node_modules/@noble/hashes/sha2.js", HttpStatusCode.OK)]
    [InlineData("/verifier/node_modules/@noble/curves/abstract/bls.js", HttpStatusCode.OK)]
    [InlineData("/verifier/node_modules/@noble/curves/package.json", HttpStatusCode.NotFound)]
    [InlineData("/verifier/node_modules/@noble/curves/src/abstract/bls.ts", HttpStatusCode.NotFound)]
    [InlineData("/verifier/node_modules/@noble/curves/..%2F..%2F..%2Fdrand-check.mjs", HttpStatusCode.NotFound)]
    [InlineData("/verifier/node_modules/@noble/ciphers/index.js", HttpStatusCode.NotFound)]
    public async Task Only_the_verifiers_dependency_modules_are_served(string path, HttpStatusCode status)
    {
        using var response = await fixture.Server.Client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        if (status == HttpStatusCode.OK)
        {
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private static readonly string Long = new('a', 1_000_000);
    private static readonly string Cut = new string('a', 64) + "…";

    private static async Task<JsonElement> ProblemAsync(IScenarioResult result)
    {
        var text = await result.ReadAsTextAsync();
        Assert.True(text.Length < 2_000, $"a problem of {text.Length} characters");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task A_long_id_in_the_path_is_echoed_cut()
    {
        var result = await fixture.Ledger.Host.Scenario(s =>
        {
            s.Get.Url($"/api/tasks/{Long}/draw");
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });

        var detail = (await ProblemAsync(result)).GetProperty("detail").GetString()!;
        Assert.Contains($"task {Cut} has no draw yet", detail);
    }

    [Fact]
    public async Task A_long_query_value_is_echoed_cut()
    {
        var result = await fixture.Ledger.Host.Scenario(s =>
        {
            s.Get.Url("/api/entities?page=" + Long[..100_000]);
            s.As(fixture.Ledger.Token(Role.Registrar));
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });

        var problem = await ProblemAsync(result);
        Assert.Equal("page", problem.GetProperty("field").GetString());
        Assert.Contains($"'{Cut}'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_long_body_value_or_member_name_is_echoed_cut()
    {
        var personnel = fixture.Ledger.Token(Role.Personnel);
        var value = await fixture.Ledger.Host.Scenario(s =>
        {
            s.Post.Json(new InspectorInput(Long, "检查员", "执法人员", null, "南明区局执法一队", "520102",
                new CertificateInput("520100001", "2020-01-01", "2025-12-31"), ["行政执法资格"], [])).ToUrl("/api/inspectors");
            s.As(personnel);
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
        Assert.Contains($"'{Cut}'", (await ProblemAsync(value)).GetProperty("detail").GetString());

        var member = await fixture.Ledger.Host.Scenario(s =>
        {
            s.Post.ByteArray(Encoding.UTF8.GetBytes($"{{\"{Long}\":1}}")).ToUrl("/api/inspectors").ContentType("application/json");
            s.As(personnel);
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
        var problem = await ProblemAsync(member);
        Assert.Equal(Cut, problem.GetProperty("field").GetString());
        Assert.Contains($"'{Cut}'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_file_of_huge_cells_is_answered_with_short_line_errors()
    {
        const string header = "uscc,name,type,jurisdiction,registrationAuthority,address,industry,riskClass,tags,status";
        var huge = new string('x', 100_000);
        var lines = Enumerable.Range(0, 20).Select(_ => $"91350100M000100Y43,示例,{huge},520102,南明区局,示例路,F5211,C,{huge},存续");
        var result = await fixture.Ledger.Host.Scenario(s =>
        {
            s.Post.ByteArray(Encoding.UTF8.GetBytes(string.Join("\n", [header, .. lines]))).ToUrl("/api/entities/import")
                .ContentType("text/csv");
            s.As(fixture.Ledger.Token(Role.Registrar, "520102", "registrar-nanming"));
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
        var body = await result.ReadAsTextAsync();
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.GetArrayLength() >= 20);
        Assert.All(errors.EnumerateArray(), e => Assert.True(e.GetProperty("reason").GetString()!.Length <= 1025));
        Assert.True(body.Length < 100_000, $"{body.Length} characters answered for 20 lines of 200,000");
    }
}
