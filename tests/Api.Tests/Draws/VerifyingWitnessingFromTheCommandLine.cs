using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// `verify-draw --witness KEY [KEY …] --quorum K` checks that every receipt's checkpoint is cosigned by k of the given
/// witnesses: met with a cosignature stored for the newest checkpoint, failed (exit non-zero) short of the quorum, and
/// not run without witness keys, which leaves the verdict to the other checks.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class VerifyingWitnessingFromTheCommandLine(DrawHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Verify_draw_reports_whether_the_receipts_checkpoints_meet_the_witness_policy_given()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        await fixture.CheckpointAsync();
        var services = fixture.Host.Services;
        var (size, note) = (await services.GetRequiredService<LedgerProofs>().LatestCheckpointAsync(CancellationToken.None))!.Value;
        var witness = new Cosigner("witness.test/cli", Cosigner.NewSeed());
        var checkpoint = CheckpointVerifier.Verify(note, services.GetRequiredService<CheckpointSigner>().PublicKeyText());
        await services.GetRequiredService<LedgerCosignatures>().AddAsync(size, witness.Key.Name, witness.Cosign(checkpoint, 1796428800), CancellationToken.None);
        var absent = new Cosigner("witness.test/absent", Cosigner.NewSeed()).Key.VerifierKeyText();

        var met = await fixture.RunApiAsync("verify-draw", DrawHost.TaskId, "--witness", witness.Key.VerifierKeyText());
        Assert.True(met.ExitCode == 0, met.Output);
        Assert.Contains("witnessing: 1 of 1 witnesses cosigned (quorum 1): witness.test/cli", met.Output);

        var shortOfQuorum = await fixture.RunApiAsync("verify-draw", DrawHost.TaskId, "--witness", witness.Key.VerifierKeyText(), absent, "--quorum", "2");
        Assert.NotEqual(0, shortOfQuorum.ExitCode);
        Assert.Contains("first failure: witnessing:", shortOfQuorum.Output);
        Assert.Contains("1 of 2 witnesses cosigned (quorum 2): witness.test/cli", shortOfQuorum.Output);

        var withoutPolicy = await fixture.RunApiAsync("verify-draw", DrawHost.TaskId);
        Assert.True(withoutPolicy.ExitCode == 0, withoutPolicy.Output);
        Assert.Contains("witnessing: no witness policy was given", withoutPolicy.Output);
    }
}
