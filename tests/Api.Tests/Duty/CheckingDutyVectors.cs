using System.Text;
using System.Text.Json;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Duty;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Duty;

namespace FairDraw.Api.Tests.Duty;

/// <summary>
/// The DUTY-v2 test vector (docs/duty-report.md §8): the collection's year as a bundle, with the keys that verify it,
/// the verdicts it must give and its drawn round's evidence bundle (for `--draws`), in docs/duty-vectors/. The
/// JavaScript verifier checks the same files. Written afresh, all from one log, by running this test with
/// FAIRDRAW_WRITE_DUTY_VECTORS=1 (the ledger key is the test host's, so each writing differs).
/// </summary>
[Collection(nameof(DutyCollection))]
public sealed class CheckingDutyVectors(DutyHost fixture) : IAsyncLifetime
{
    private static readonly string Folder = Path.Combine(Repository.Root, "docs", "duty-vectors");

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("FAIRDRAW_WRITE_DUTY_VECTORS") != "1")
        {
            return;
        }

        await fixture.YearAsync();
        var bundle = await (await fixture.GetAsync("/api/duty/bundles" + DutyHost.Query(), fixture.Auditor)).ReadAsTextAsync();
        var report = JsonSerializer.Deserialize<DutyBundle>(bundle, DutyBundle.Json)!.Report;
        await File.WriteAllTextAsync(Path.Combine(Folder, "bundle.json"), bundle);
        await File.WriteAllTextAsync(Path.Combine(Folder, "keys.json"), JsonSerializer.Serialize(
            new VectorKeys(fixture.LogKey, [DutyHost.Witness.VerifierKey], 1, [.. report.Clauses.Select(clause => clause.Verdict)]),
            new JsonSerializerOptions(DutyBundle.Json) { WriteIndented = true }) + "\n");
        var evidence = await fixture.RunApiAsync("verify-draw", DutyHost.Task, "--evidence", Path.Combine(Folder, "evidence.json"));
        Assert.True(evidence.ExitCode == 0, evidence.Output);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Given_the_vector_bundle_When_verified_with_its_keys_Then_it_passes_with_the_verdicts_written_beside_it()
    {
        var keys = JsonSerializer.Deserialize<VectorKeys>(await File.ReadAllTextAsync(Path.Combine(Folder, "keys.json")), DutyBundle.Json)!;
        var bundle = await File.ReadAllBytesAsync(Path.Combine(Folder, "bundle.json"));

        var verification = DutyVerifier.Verify(bundle, keys.LedgerKey, WitnessPolicy.Parse(keys.Witnesses, keys.Quorum), DutyEventTypes.Decode);

        Assert.Empty(verification.Failures);
        Assert.Equal(keys.Verdicts, verification.Recomputed!.Clauses.Select(clause => clause.Verdict));
        Assert.Contains("not-fulfilled", keys.Verdicts);
    }

    [Fact]
    public async Task Given_the_vector_bundle_with_one_byte_changed_When_verified_Then_it_fails()
    {
        var keys = JsonSerializer.Deserialize<VectorKeys>(await File.ReadAllTextAsync(Path.Combine(Folder, "keys.json")), DutyBundle.Json)!;
        var text = await File.ReadAllTextAsync(Path.Combine(Folder, "bundle.json"));
        var altered = Encoding.UTF8.GetBytes(text.Replace("\\u0022Round\\u0022:1", "\\u0022Round\\u0022:2", StringComparison.Ordinal).Replace("\\\"Round\\\":1", "\\\"Round\\\":2", StringComparison.Ordinal));
        Assert.NotEqual(text, Encoding.UTF8.GetString(altered));

        Assert.NotEmpty(DutyVerifier.Verify(altered, keys.LedgerKey, WitnessPolicy.Parse(keys.Witnesses, keys.Quorum), DutyEventTypes.Decode).Failures);
    }

    private sealed record VectorKeys(string LedgerKey, IReadOnlyList<string> Witnesses, int Quorum, IReadOnlyList<string> Verdicts);
}
