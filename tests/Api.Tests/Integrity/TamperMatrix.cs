using System.Text.Json;
using Alba;
using FairDraw.Api.Demo;
using FairDraw.Api.LedgerIntegrity;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;

namespace FairDraw.Api.Tests.Integrity;

/// <summary>
/// The tamper matrix: each tampering, done as a hostile superuser would (append-only triggers switched off) on a
/// fresh ledger with two signed checkpoints, is named by exactly the finding its cause calls for, once — verified against
/// the newest checkpoint kept in a file before the tampering, and against a witness's state that cosigned it.
/// </summary>
[Collection(nameof(IntegrityCollection))]
public sealed partial class TamperMatrix(IntegrityHost fixture) : IAsyncLifetime
{
    /// <summary>What a finding names: its kind, the event (stream, version, sequence) or the checkpoint (tree size).</summary>
    public sealed record Named(FindingKind Kind, string? Stream, long? Version, long? Sequence, long? TreeSize = null);

    // A stream of three events (registered, updated, deregistered) and a stream of one.
    private static string Long => StreamKeys.Entity(DemoEntities.Generate(1).Single().Uscc!);

    private static string Short => StreamKeys.Entity(DemoEntities.Generate(IntegrityHost.Updated + 1).Last().Uscc!);

    private const long Signed = IntegrityHost.Entities + (2 * IntegrityHost.Updated);

    private readonly string folder = Directory.CreateTempSubdirectory("tamper-matrix-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    public static TheoryData<string> Cases => [.. Tamperings.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_tampering_is_one_finding_per_cause_against_a_kept_checkpoint_and_a_witness(string tampering)
    {
        await fixture.SeedAsync();
        var (checkpointFile, witnessState) = await KeepNewestCheckpointAsync();

        var expected = await Tamperings[tampering](fixture);

        foreach (var trusted in new[] { checkpointFile, witnessState })
        {
            var report = await fixture.VerifyAgainstAsync(trusted);
            Assert.Equal(1L, report.TrustedCheckpoints);
            Assert.Equal(expected, report.Findings.Select(f => new Named(f.Kind, f.StreamKey, f.Version, f.Sequence, f.TreeSize)));
            Assert.Equal(expected.Count == 0 ? CheckOutcome.Pass : CheckOutcome.Fail, report.Outcome);
        }
    }

    /// <summary>
    /// The newest signed note as GET /api/ledger/checkpoint serves it, saved to a file; and the state folder of a witness
    /// that cosigned it (docs/ledger-integrity.md, "Trusted checkpoints"), with a real cosignature.
    /// </summary>
    private async Task<(string File, string WitnessState)> KeepNewestCheckpointAsync()
    {
        var served = await fixture.Host.GetAsJson<SignedCheckpoint>("/api/ledger/checkpoint", fixture.Token(Role.Auditor));
        var note = served!.SignedNote!;
        var checkpoint = CheckpointVerifier.Verify(note, served.VerifierKey);
        Assert.Equal(Signed, checkpoint.TreeSize);

        var file = Path.Combine(folder, "checkpoint.note");
        await File.WriteAllTextAsync(file, note);

        var state = Path.Combine(folder, "witness");
        var seed = Cosigner.NewSeed();
        var cosigner = new Cosigner("witness.example/discipline-office", seed);
        var record = WitnessStateLayout.LogRecord(state, checkpoint.Origin);
        Directory.CreateDirectory(Path.GetDirectoryName(record)!);
        await File.WriteAllTextAsync(Path.Combine(state, "witness.key"), Convert.ToBase64String(seed));
        await File.WriteAllTextAsync(record, JsonSerializer.Serialize(new
        {
            origin = checkpoint.Origin,
            verifierKey = served.VerifierKey,
            treeSize = checkpoint.TreeSize,
            rootHash = Convert.ToBase64String(checkpoint.RootHash),
            checkpoint = note + cosigner.Cosign(checkpoint, 1_614_589_200),
        }));
        return (file, state);
    }
}
