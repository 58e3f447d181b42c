using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Integrity;
using FairDraw.Ledger.Tests.Integrity;

namespace FairDraw.Ledger.Tests.Draws;

/// <summary>
/// A draw's verification reports whether the receipts' checkpoints meet the verifier's witness policy: not run without
/// one (the verdict stays the checks'), passed with the witnesses that cosigned, failed (and the round with it) when short.
/// </summary>
public sealed class DrawWitnessingTests
{
    private static readonly Cosigner Discipline = new(CosignatureTests.Name, Convert.FromHexString(CosignatureTests.SeedHex));
    private static readonly Cosigner Credit = new("witness.example/credit-office", Cosigner.NewSeed());

    private static DrawReport Verify(DrawWorkflow draw, IReadOnlyList<DrawEventReceipt> receipts, WitnessPolicy? policy) =>
        DrawVerification.Verify(
            draw.State!, 1, RebuiltPools.WithRecorded(draw.State!.Current, EntityPoolBuilder.From(draw.Members)), receipts,
            DrawWorkflow.Signer.PublicKeyText(), policy);

    /// <summary>The workflow's receipts with the cosignature lines of <paramref name="witnesses"/> appended to their checkpoint.</summary>
    private static List<DrawEventReceipt> Cosigned(DrawWorkflow draw, params Cosigner[] witnesses) =>
    [
        .. draw.Receipts().Select(r =>
        {
            var checkpoint = CheckpointVerifier.Verify(r.Receipt!.SignedCheckpoint, DrawWorkflow.Signer.PublicKeyText());
            var lines = string.Concat(witnesses.Select(w => w.Cosign(checkpoint, CosignatureTests.Time)));
            return r with { Receipt = r.Receipt with { SignedCheckpoint = r.Receipt.SignedCheckpoint + lines } };
        }),
    ];

    [Fact]
    public void Without_a_policy_witnessing_is_not_run_and_the_round_still_passes_on_its_checks()
    {
        var draw = new DrawWorkflow().Complete();
        var report = Verify(draw, draw.Receipts(), null);

        Assert.True(report.Passed, report.FirstFailure);
        Assert.Equal(CheckOutcome.NotRun, report.Witnessing.Outcome);
        Assert.Equal("no witness policy was given: the receipts' checkpoints were not checked against witnesses", report.Witnessing.Detail);
    }

    [Fact]
    public void Receipts_cosigned_by_the_quorum_meet_the_policy_and_name_the_witnesses()
    {
        var draw = new DrawWorkflow().Complete();
        var policy = new WitnessPolicy([Discipline.Key, Credit.Key], 1);
        var report = Verify(draw, Cosigned(draw, Discipline), policy);

        Assert.True(report.Passed, report.FirstFailure);
        Assert.Equal(
            new DrawCheck("witnessing", CheckOutcome.Pass, $"1 of 2 witnesses cosigned (quorum 1): {CosignatureTests.Name}"), report.Witnessing);
    }

    [Fact]
    public void Receipts_short_of_the_quorum_fail_the_round()
    {
        var draw = new DrawWorkflow().Complete();
        var report = Verify(draw, Cosigned(draw, Discipline), new WitnessPolicy([Discipline.Key, Credit.Key], 2));

        Assert.False(report.Passed);
        Assert.Equal(CheckOutcome.Fail, report.Witnessing.Outcome);
        Assert.StartsWith("witnessing: PoolFrozen (sequence ", report.FirstFailure, StringComparison.Ordinal);
        Assert.EndsWith($"1 of 2 witnesses cosigned (quorum 2): {CosignatureTests.Name}", report.FirstFailure, StringComparison.Ordinal);
        Assert.All(report.Checks, check => Assert.Equal(CheckOutcome.Pass, check.Outcome));
    }
}
