using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.LedgerIntegrity;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;

namespace FairDraw.Api.Tests.Integrity;

/// <summary>
/// verify-ledger runs from public material only — the log's verifier key and trusted checkpoints — without the signing
/// keys, and finds what POST /api/ledger/verify finds from the same inputs; without trusted checkpoints, or without a
/// checkpoint covering the events, the report says what it could not prove.
/// </summary>
[Collection(nameof(IntegrityCollection))]
public sealed class VerifyingFromPublicMaterial(IntegrityHost fixture) : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("public-material-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_verb_needs_no_signing_key_and_creates_nothing_in_an_empty_or_missing_key_folder()
    {
        await fixture.SeedAsync();
        var note = Path.Combine(folder, "checkpoint.note");
        await File.WriteAllTextAsync(note, (await NewestNoteAsync()).Note);
        var key = Path.Combine(folder, "log.vkey");
        await File.WriteAllTextAsync(key, fixture.VerifierKey + "\n");

        var empty = Directory.CreateDirectory(Path.Combine(folder, "empty-keys")).FullName;
        foreach (var keys in new[] { empty, Path.Combine(folder, "no-keys") })
        {
            var environment = new Dictionary<string, string?>(CommandLine.HostEnvironment(fixture)) { ["Ledger__KeyDirectory"] = keys };
            var run = await CommandLine.RunApiAsync(folder, environment, "verify-ledger", "--key", "@" + key, "--trusted", note);
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Contains("1 trusted checkpoints", run.StandardOutput);
            Assert.Contains("ledger intact", run.StandardOutput);
            Assert.DoesNotContain("no trusted checkpoint", run.StandardOutput);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(empty));
        Assert.False(Directory.Exists(Path.Combine(folder, "no-keys")));
    }

    [Fact]
    public async Task Without_a_key_the_verb_stops_with_one_clear_line()
    {
        var run = await fixture.RunApiAsync("verify-ledger");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("", run.StandardOutput);
        var line = Assert.Single(run.StandardError.Split('\n'), l => l.Contains("verifier key", StringComparison.Ordinal));
        Assert.Contains("no usable verifier key: pass --key VKEY or --key @FILE", line);
    }

    [Fact]
    public async Task The_verb_and_the_endpoint_find_the_same_on_a_tampered_ledger()
    {
        await fixture.SeedAsync();
        var (size, note) = await NewestNoteAsync();
        var file = Path.Combine(folder, "checkpoint.note");
        await File.WriteAllTextAsync(file, note);
        var modified = await fixture.SequenceOfAsync(DetectingTampering.Long, 2);
        await fixture.TamperAsync($$"""
            update {s}.mt_events set data = jsonb_set(data, '{Name}', '"篡改后的名称"') where seq_id = {{modified}};
            delete from {s}.ledger_checkpoints where tree_size = {{size}}
            """);

        var verb = await fixture.RunApiAsync("verify-ledger", "--key", fixture.VerifierKey, "--trusted", file);
        var answer = await fixture.Host.Scenario(s =>
        {
            s.Post.Json(new VerifyLedgerRequest(fixture.VerifierKey, [note])).ToUrl("/api/ledger/verify");
            s.As(fixture.Token(Role.Investigator));
        });
        var report = (await answer.ReadAsJsonAsync<LedgerReport>())!;

        Assert.Equal([FindingKind.Modified, FindingKind.CheckpointDeleted], report.Findings.Select(f => f.Kind).Order());
        Assert.Equal(1L, report.TrustedCheckpoints);
        Assert.NotEqual(0, verb.ExitCode);
        var printed = verb.StandardOutput.Split('\n').Where(line => line.StartsWith(nameof(FindingKind.Modified), StringComparison.Ordinal)
            || Enum.GetNames<FindingKind>().Any(kind => line.StartsWith(kind + " ", StringComparison.Ordinal))).ToList();
        Assert.Equal(
            report.Findings.Select(f => $"{f.Kind} {f.StreamKey} v{f.Version} seq {f.Sequence} checkpoint {f.TreeSize}: {f.Detail}"),
            printed);
        Assert.Contains($"{report.Findings.Count} finding(s)", verb.StandardOutput);
    }

    [Fact]
    public async Task Without_trusted_checkpoints_the_report_says_rollbacks_and_rewrites_were_not_checked()
    {
        await fixture.SeedAsync();
        var report = await fixture.Host.GetAsJson<LedgerReport>("/api/ledger/verify", fixture.Token(Role.Auditor));
        Assert.Equal(CheckOutcome.Pass, report!.Outcome);
        Assert.Contains(report.NotChecked, line => line.Contains("rollbacks and rewrites behind the stored checkpoints were not checked", StringComparison.Ordinal));

        var verb = await fixture.RunApiAsync("verify-ledger", "--key", fixture.VerifierKey);
        Assert.True(verb.ExitCode == 0, verb.Output);
        Assert.Contains("no trusted checkpoint was given: rollbacks and rewrites behind the stored checkpoints were not checked", verb.StandardOutput);
    }

    [Fact]
    public async Task Events_no_checkpoint_covers_are_not_a_verified_ledger()
    {
        await fixture.SeedAsync();
        await fixture.TamperAsync("delete from {s}.ledger_checkpoints");
        var report = await fixture.VerifyAsync();
        Assert.Equal((true, CheckOutcome.NotRun, report.Events), (report.Intact, report.Outcome, report.EventsNotCovered));
        Assert.Contains(report.NotChecked, line => line.EndsWith("events are covered by no signed checkpoint: only their chains were checked", StringComparison.Ordinal));

        var verb = await fixture.RunApiAsync("verify-ledger", "--key", fixture.VerifierKey);
        Assert.NotEqual(0, verb.ExitCode);
        Assert.Contains("not run: no signed checkpoint covers the ledger's events", verb.StandardOutput);
    }

    [Fact]
    public async Task A_trusted_checkpoint_of_another_key_is_reported_and_ignored()
    {
        await fixture.SeedAsync();
        var (_, note) = await NewestNoteAsync();
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var stranger = new CheckpointSigner(other, "stranger.example/log");
        var file = Path.Combine(folder, "stranger.note");
        await File.WriteAllTextAsync(file, stranger.Sign(CheckpointVerifier.Verify(note, fixture.VerifierKey) with { Origin = "stranger.example/log" }));

        var loaded = TrustedCheckpoints.Load([file, Path.Combine(folder, "absent")], fixture.VerifierKey);
        Assert.Empty(loaded.Checkpoints);
        Assert.Equal(2, loaded.Ignored.Count);
        Assert.StartsWith($"{file}: unknown key", loaded.Ignored[0], StringComparison.Ordinal);

        var absent = Path.Combine(folder, "absent");
        var verb = await fixture.RunApiAsync("verify-ledger", "--key", fixture.VerifierKey, "--trusted", file, absent);
        Assert.Contains($"trusted checkpoint ignored {file}: unknown key", verb.StandardOutput);
        Assert.Contains($"trusted checkpoint ignored {absent}: no such file or folder", verb.StandardOutput);
        Assert.Contains("0 trusted checkpoints", verb.StandardOutput);
    }

    [Theory]
    [InlineData("""{"checkpoints":[]}""", "verifierKey")]
    [InlineData("""{"verifierKey":"not a key","checkpoints":[]}""", "verifierKey")]
    [InlineData("""{"verifierKey":"KEY","checkpoints":["not a note"]}""", "checkpoints[0]")]
    [InlineData("""{"verifierKey":"KEY","checkpoints":[],"trusted":[]}""", "trusted")]
    public async Task Bad_input_to_the_endpoint_is_a_400_naming_the_field(string body, string field)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Post.ByteArray(System.Text.Encoding.UTF8.GetBytes(body.Replace("KEY", fixture.VerifierKey, StringComparison.Ordinal)))
                .ToUrl("/api/ledger/verify").ContentType("application/json");
            s.As(fixture.Token(Role.Auditor));
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
        var problem = await result.ReadAsJsonAsync<JsonElement>();
        Assert.True(field == problem.GetProperty("field").GetString(), problem.ToString());
    }

    private async Task<(long Size, string Note)> NewestNoteAsync()
    {
        var served = await fixture.Host.GetAsJson<SignedCheckpoint>("/api/ledger/checkpoint", fixture.Token(Role.Auditor));
        return (CheckpointVerifier.Verify(served!.SignedNote!, served.VerifierKey).TreeSize, served.SignedNote!);
    }
}
