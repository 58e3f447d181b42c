using System.Text.Json;
using Alba;
using FairDraw.Api.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace FairDraw.Api.Tests.Integrity;

/// <summary>
/// The public proof endpoints check their numbers before any work: 400 naming the field for a size or position that
/// cannot be (negative, zero, not a number, from &gt; to), 404 for one the log has not reached — always problem details,
/// never a 500, and never a list sized by the caller's number.
/// </summary>
[Collection(nameof(IntegrityCollection))]
public sealed class RefusingBadProofRequests(IntegrityHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/api/ledger/proofs/consistency?from=1&to=-1", 400, "to")]
    [InlineData("/api/ledger/proofs/consistency?from=-1&to=5", 400, "from")]
    [InlineData("/api/ledger/proofs/consistency?from=0&to=5", 400, "from")]
    [InlineData("/api/ledger/proofs/consistency?from=5&to=3", 400, "to")]
    [InlineData("/api/ledger/proofs/consistency?from=abc&to=3", 400, "from")]
    [InlineData("/api/ledger/proofs/consistency?from=1&to=99999999999999999999", 400, "to")]
    [InlineData("/api/ledger/proofs/consistency?from=1&to=9223372036854775807", 404, "to")]
    [InlineData("/api/ledger/proofs/consistency?from=9223372036854775807&to=9223372036854775807", 404, "to")]
    [InlineData("/api/ledger/receipts/-1", 400, "sequence")]
    [InlineData("/api/ledger/receipts/0", 400, "sequence")]
    [InlineData("/api/ledger/receipts/abc", 400, "sequence")]
    [InlineData("/api/ledger/receipts/+5", 400, "sequence")]
    [InlineData("/api/ledger/receipts/99999999999999999999", 400, "sequence")]
    [InlineData("/api/ledger/receipts/9223372036854775807", 404, "sequence")]
    public async Task A_size_or_position_that_cannot_be_or_is_not_reached_is_refused_with_problem_details(string url, int status, string field)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.StatusCodeShouldBe(status);
        });

        Assert.Equal("application/problem+json", result.Context.Response.ContentType);
        var problem = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Sizes_up_to_the_log_give_a_proof_and_one_past_it_is_not_found()
    {
        var logSize = await LogSizeAsync(); // the seed integrated every event

        var proof = await fixture.Host.Scenario(s => s.Get.Url($"/api/ledger/proofs/consistency?from=3&to={logSize}"));
        Assert.NotEmpty((await proof.ReadAsJsonAsync<List<string>>())!);
        await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/ledger/proofs/consistency?from=3&to={logSize + 1}");
            s.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
    }

    private async Task<long> LogSizeAsync()
    {
        await using var command = fixture.DataSource.CreateCommand($"select count(*) from {fixture.Schema}.ledger_log");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
