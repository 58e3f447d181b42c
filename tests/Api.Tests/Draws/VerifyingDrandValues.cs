using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Draws;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// A drand value is recorded only if it is the chain's BLS signature of the committed round (over the previous round's
/// signature on the chained default chain): the server runs the JavaScript verifier's check (verifier/drand-check.mjs)
/// under Node. A forgery is refused with 400 naming the member, nothing written; a check that cannot run is a 503.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class VerifyingDrandValues(DrawHost fixture) : IAsyncLifetime
{
    private static readonly RandomnessInput Lottery = DrawRequests.Values.Values![1];

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(string? Field, string Detail)> RefusedAsync(RandomnessInput drand)
    {
        var refused = await fixture.StepAsync(DrawHost.TaskId, "randomness", new RecordRandomness([Lottery, drand]), fixture.FoodDivision, HttpStatusCode.BadRequest);
        var problem = await refused.ReadAsJsonAsync<JsonElement>();
        var draw = (await fixture.Host.GetAsJson<TaskDraw>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!;
        Assert.Null(draw.Current.Randomness);
        return (problem.GetProperty("field").GetString(), problem.GetProperty("detail").GetString()!);
    }

    private static string Flip(string hex, int at) => hex[..at] + (hex[at] == '0' ? '1' : '0') + hex[(at + 1)..];

    [Fact]
    public async Task A_forged_drand_signature_is_refused_and_the_real_beacon_is_recorded_with_its_previous_signature()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "randomness");
        fixture.Clock.Reset(DrawRequests.SourcesResolved);
        var real = DrandBeacons.June2022.Input();

        // Another real beacon (a valid point, signed for another round), one changed digit, and bytes that are no point.
        var (field, detail) = await RefusedAsync(DrandBeacons.September2023.Input() with { PreviousSignature = real.PreviousSignature });
        Assert.Equal("values[1].signature", field);
        Assert.Contains($"round {DrawRequests.DrandRound}", detail);
        Assert.Equal("values[1].signature", (await RefusedAsync(real with { Signature = Flip(real.Signature!, 100) })).Field);
        Assert.Equal("values[1].signature", (await RefusedAsync(real with { Signature = new string('c', 192) })).Field);
        // The length of a quicknet signature is not the default chain's.
        Assert.Equal("values[1].signature", (await RefusedAsync(real with { Signature = real.Signature![..96] })).Field);

        await fixture.StepAsync(DrawHost.TaskId, "randomness", new RecordRandomness([Lottery, real with { Signature = real.Signature!.ToUpperInvariant() }]), fixture.FoodDivision);
        var recorded = (await fixture.Host.GetAsJson<TaskDraw>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!.Current.Randomness!;
        Assert.Equal(real.Signature, recorded.Values.Single(value => value.Label == "drand").Value);
        Assert.Equal(new SourceEvidence("drand", real.PreviousSignature, null), Assert.Single(recorded.Evidence!, e => e.Label == "drand"));
    }

    [Fact]
    public async Task The_default_chain_needs_the_true_previous_signature()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "randomness");
        fixture.Clock.Reset(DrawRequests.SourcesResolved);
        var real = DrandBeacons.June2022.Input();

        Assert.Equal("values[1].previousSignature", (await RefusedAsync(real with { PreviousSignature = null })).Field);
        Assert.Equal("values[1].previousSignature", (await RefusedAsync(real with { PreviousSignature = real.PreviousSignature![..96] })).Field);
        // A well-formed but wrong previous signature changes the signed message: the signature no longer verifies.
        var (field, detail) = await RefusedAsync(real with { PreviousSignature = DrandBeacons.September2023.PreviousSignature });
        Assert.Equal("values[1].signature", field);
        Assert.Contains("previous signature", detail);

        await fixture.StepAsync(DrawHost.TaskId, "randomness", new RecordRandomness([Lottery, real]), fixture.FoodDivision);
    }

    [Fact]
    public async Task Without_Node_or_the_verifiers_dependency_the_check_says_it_cannot_run()
    {
        var chain = SourceRegistry.Chain("default")!;
        var beacon = DrandBeacons.June2022;
        DrandClaim[] claims = [new("values[0]", chain, beacon.Round, beacon.Signature, beacon.PreviousSignature)];
        var verifier = Path.Combine(Repository.Root, "verifier");

        var noNode = await Assert.ThrowsAsync<DrandCheckUnavailableException>(
            () => new DrandCheck("/nonexistent/node", verifier).RequireAsync(claims, CancellationToken.None));
        Assert.Contains("Ledger:Node", noNode.Message);
        var noDependency = await Assert.ThrowsAsync<DrandCheckUnavailableException>(
            () => new DrandCheck("node", Path.GetTempPath()).RequireAsync(claims, CancellationToken.None));
        Assert.Contains("npm ci", noDependency.Message);
        await new DrandCheck("node", verifier).RequireAsync(claims, CancellationToken.None);
    }
}
