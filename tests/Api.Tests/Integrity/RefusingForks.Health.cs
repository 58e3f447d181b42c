using System.Text.Json;
using Alba;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using Microsoft.AspNetCore.Http;

namespace FairDraw.Api.Tests.Integrity;

/// <summary>What the server answers once its signer refused: 503 problem details with the reason, never a 500.</summary>
public sealed partial class RefusingForks
{
    [Fact]
    public async Task The_health_endpoint_answers_healthy_while_the_signer_signs()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/health");
            s.StatusCodeShouldBe(StatusCodes.Status200OK);
        });

        Assert.Equal("Healthy", await result.ReadAsTextAsync());
    }

    [Fact]
    public async Task After_a_refusal_health_and_signing_on_demand_answer_503_with_the_reason_and_nothing_is_signed()
    {
        await fixture.TamperAsync("delete from {s}.ledger_log where leaf_index >= 2000; delete from {s}.ledger_checkpoints");
        await RegisterAsync("MA6FRK07");

        var signing = await ProblemAsync(s => s.Post.Url("/api/ledger/checkpoint"));
        var health = await ProblemAsync(s => s.Get.Url("/health"));

        Assert.Contains("fewer than", signing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("ledger-signer: ", health.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(fixture.Log.Refusal!, health.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CheckpointRowsAsync());
    }

    [Fact]
    public async Task Signing_on_demand_over_a_tampered_compact_range_answers_503_naming_it_not_500()
    {
        await RegisterAsync("MA6FRK08");
        await Restarted().IntegrateAsync(CancellationToken.None); // the table grows, so the server's log loads it again
        var rows = await CheckpointRowsAsync();
        await fixture.TamperAsync("update {s}.ledger_checkpoints set compact_range = set_byte(compact_range, 0, get_byte(compact_range, 0) # 1)");

        var signing = await ProblemAsync(s => s.Post.Url("/api/ledger/checkpoint"));

        Assert.Contains("compact range", signing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(rows, await CheckpointRowsAsync());
    }

    private async Task<JsonElement> ProblemAsync(Action<Scenario> request)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            request(s);
            s.As(fixture.Token(Role.Auditor));
            s.StatusCodeShouldBe(StatusCodes.Status503ServiceUnavailable);
        });

        Assert.Equal("application/problem+json", result.Context.Response.ContentType);
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
    }
}
