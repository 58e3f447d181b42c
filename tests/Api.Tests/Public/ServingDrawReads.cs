using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Alba;
using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Draws;

namespace FairDraw.Api.Tests.Public;

/// <summary>
/// The heavy public reads (a round's verification and evidence bundle): computed once per state of the task's events
/// and the signed checkpoint, answered 304 to a matching If-None-Match, compressed when asked, and limited per
/// anonymous address with a 429 in problem details. Each test calls from an address of its own.
/// </summary>
[Collection(nameof(PublicPageCollection))]
public sealed class ServingDrawReads(PublicPageHost fixture)
{
    private static readonly string Verification = $"/api/tasks/{DrawHost.TaskId}/draw/verification";
    private static readonly string Evidence = $"/api/tasks/{DrawHost.TaskId}/draw/evidence";

    private Task<IScenarioResult> GetAsync(
        string url, string address, HttpStatusCode status = HttpStatusCode.OK, string? ifNoneMatch = null, string? token = null) =>
        fixture.Ledger.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.ConfigureHttpContext(context => context.Connection.RemoteIpAddress = IPAddress.Parse(address));
            if (ifNoneMatch is not null)
            {
                s.WithRequestHeader("If-None-Match", ifNoneMatch);
            }

            if (token is not null)
            {
                s.WithRequestHeader("Authorization", "Bearer " + token);
            }

            s.StatusCodeShouldBe(status);
        });

    private static string ETag(IScenarioResult result) => result.Context.Response.Headers.ETag.ToString();

    [Fact]
    public async Task A_second_read_of_the_same_state_is_not_recomputed_and_its_etag_answers_304()
    {
        using var computations = new MeterCount(fixture.Ledger.Host.Services, "fairdraw.draw.computations");
        var first = await GetAsync(Verification, "198.51.100.1");
        var body = await first.ReadAsTextAsync();
        Assert.True(JsonSerializer.Deserialize<TaskVerification>(body, new JsonSerializerOptions(JsonSerializerDefaults.Web))!.Rounds[^1].Passed, body);
        Assert.StartsWith("W/\"", ETag(first));
        var computed = computations.Count; // 1, or 0 when an earlier test of the collection asked for this state
        Assert.InRange(computed, 0, 1);

        var second = await GetAsync(Verification, "198.51.100.1");
        Assert.Equal(body, await second.ReadAsTextAsync());
        Assert.Equal(ETag(first), ETag(second));

        var unchanged = await GetAsync(Verification, "198.51.100.1", HttpStatusCode.NotModified, ifNoneMatch: ETag(first));
        Assert.Equal(ETag(first), ETag(unchanged));
        Assert.Equal("", await unchanged.ReadAsTextAsync());
        Assert.Equal(computed, computations.Count);
    }

    [Fact]
    public async Task An_evidence_bundle_keeps_its_verification_too()
    {
        using var computations = new MeterCount(fixture.Ledger.Host.Services, "fairdraw.draw.computations");
        var bundle = await GetAsync(Evidence + "?round=1", "198.51.100.2");
        Assert.Contains("attachment", bundle.Context.Response.Headers.ContentDisposition.ToString());
        Assert.NotEmpty(ETag(bundle));
        await GetAsync(Verification + "?round=1", "198.51.100.2");
        await GetAsync(Evidence + "?round=1", "198.51.100.2", HttpStatusCode.NotModified, ifNoneMatch: ETag(bundle));
        Assert.Equal(1, computations.Count);
    }

    [Fact]
    public async Task A_new_event_on_the_task_changes_the_etag_and_the_answer()
    {
        var before = await GetAsync(Verification, "198.51.100.3");
        var ledger = fixture.Ledger;
        var drawn = (await ledger.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", ledger.FoodDivision))!.Current;
        var replaced = drawn.Adjustments.OfType<EntitySubstituted>().Select(s => s.ReplacedId).ToHashSet();
        var gone = drawn.Execution!.Selected.First(selected => !replaced.Contains(selected.EntityId)).EntityId;
        var substitution = new SubstituteEntity(gone, "经营场所无法联系 / unreachable", "现场核查记录");
        await ledger.AdjustAsync(DrawHost.TaskId, "substitutions", substitution, ledger.FoodDivision, ledger.CreditOfficeApproval());
        await fixture.Ledger.CheckpointAsync();

        using var computations = new MeterCount(fixture.Ledger.Host.Services, "fairdraw.draw.computations");
        var after = await GetAsync(Verification, "198.51.100.3", ifNoneMatch: ETag(before));
        Assert.NotEqual(ETag(before), ETag(after));
        Assert.Equal(1, computations.Count);
        Assert.True((await after.ReadAsJsonAsync<TaskVerification>())!.Rounds[^1].Passed);
    }

    [Fact]
    public async Task An_anonymous_caller_past_the_limit_gets_429_problem_details_with_retry_after()
    {
        for (var i = 0; i < PublicPageHost.PermitLimit; i++)
        {
            await GetAsync(i % 2 == 0 ? Verification : Evidence, "198.51.100.4");
        }

        var refused = await GetAsync(Evidence, "198.51.100.4", HttpStatusCode.TooManyRequests);
        Assert.Equal("application/problem+json", refused.Context.Response.ContentType);
        var problem = (await refused.ReadAsJsonAsync<JsonElement>());
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("too many requests", problem.GetProperty("title").GetString());
        var retryAfter = long.Parse(refused.Context.Response.Headers.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);

        await GetAsync(Evidence, "198.51.100.4", token: fixture.Ledger.FoodDivision); // an official is not limited
        await GetAsync(Evidence, "198.51.100.5");                                     // nor another address
        await GetAsync($"/api/tasks/{DrawHost.TaskId}/draw", "198.51.100.4");          // nor a light read
    }

    [Fact]
    public async Task A_token_holder_is_not_limited_after_anonymous_callers_without_an_address_used_up_their_limit()
    {
        for (var i = 0; i <= PublicPageHost.PermitLimit; i++)
        {
            await fixture.Ledger.Host.Scenario(s =>
            {
                s.Get.Url(Evidence);
                s.IgnoreStatusCode();
            });
        }

        await fixture.Ledger.Host.Scenario(s =>
        {
            s.Get.Url(Evidence);
            s.WithRequestHeader("Authorization", "Bearer " + fixture.Ledger.FoodDivision);
            s.StatusCodeShouldBeOk();
        });
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task A_bundle_is_compressed_when_the_caller_accepts_it(string encoding)
    {
        var plain = await fixture.Server.Client.GetByteArrayAsync(Evidence);
        using var request = new HttpRequestMessage(HttpMethod.Get, Evidence);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        using var response = await fixture.Server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length * 2 < plain.Length, $"{compressed.Length} bytes compressed of {plain.Length}");
        await using Stream decompressing = encoding == "br"
            ? new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        await decompressing.CopyToAsync(inflated);
        Assert.Equal(plain, inflated.ToArray());
    }
}
