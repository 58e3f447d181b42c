using System.Net;
using System.Text.Json;
using FairDraw.Ledger.Integrity;
using FairDraw.Witness.Tests.Support;

namespace FairDraw.Witness.Tests;

/// <summary>Checkpoints the witness cosigns: the first one of a log, honest extensions, and after a restart.</summary>
public sealed class AddCheckpointTests
{
    [Fact]
    public async Task The_first_checkpoint_is_cosigned_at_the_clock_time_and_recorded_as_the_contract_says()
    {
        using var log = new TestLog();
        await using var witness = await TestWitness.Start(log);

        var (body, note) = log.Request(0, 5);
        using var response = await witness.Submit(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = await response.Content.ReadAsStringAsync();
        Assert.Matches("^\u2014 witness.example/test [A-Za-z0-9+/=]+\n$", line);
        var check = Cosignatures.Check(note + line, WitnessPolicy.Parse([witness.VerifierKey], 1));
        Assert.True(check.Met, check.Describe());
        Assert.Equal(TestWitness.Now.ToUnixTimeSeconds(), Assert.Single(check.Valid).Timestamp);

        using var record = JsonDocument.Parse(witness.Record(log.LogOrigin)!);
        var root = record.RootElement;
        Assert.Equal(log.LogOrigin, root.GetProperty("origin").GetString());
        Assert.Equal(log.VerifierKey, root.GetProperty("verifierKey").GetString());
        Assert.Equal(5, root.GetProperty("treeSize").GetInt64());
        Assert.Equal(Convert.ToBase64String(log.Root(5)), root.GetProperty("rootHash").GetString());
        Assert.Equal(note + line, root.GetProperty("checkpoint").GetString());
    }

    [Fact]
    public async Task Signature_lines_the_witness_did_not_verify_are_neither_kept_nor_served()
    {
        using var log = new TestLog();
        await using var witness = await TestWitness.Start(log);
        var stranger = new Cosigner("witness.example/stranger", Cosigner.NewSeed());
        var note = log.Note(2);
        var signedByOthers = note + stranger.Cosign(new Checkpoint(log.LogOrigin, 2, log.Root(2)), 1);

        var line = await (await witness.Submit(new AddCheckpointRequest(0, [], signedByOthers).Body())).Content.ReadAsStringAsync();

        using var record = JsonDocument.Parse(witness.Record(log.LogOrigin)!);
        Assert.Equal(note + line, record.RootElement.GetProperty("checkpoint").GetString());
    }

    [Fact]
    public async Task An_honest_extension_with_a_real_consistency_proof_moves_the_state()
    {
        using var log = new TestLog();
        await using var witness = await TestWitness.Start(log);
        (await witness.Submit(log.Body(0, 3))).EnsureSuccessStatusCode();

        foreach (var (from, to) in new[] { (3L, 4L), (4L, 7L), (7L, 8L), (8L, 8L), (8L, 21L) })
        {
            witness.Clock.AdvanceSeconds(1);
            var (body, note) = log.Request(from, to);
            using var response = await witness.Submit(body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var line = await response.Content.ReadAsStringAsync();
            var check = Cosignatures.Check(note + line, WitnessPolicy.Parse([witness.VerifierKey], 1));
            Assert.Equal(witness.Clock.GetCurrentInstant().ToUnixTimeSeconds(), Assert.Single(check.Valid).Timestamp);
        }

        Assert.Contains("\"treeSize\": 21", witness.Record(log.LogOrigin), StringComparison.Ordinal);
        Assert.Empty(witness.Evidence());
    }

    [Fact]
    public async Task The_state_survives_a_restart_of_the_program()
    {
        using var log = new TestLog();
        await using var witness = await TestWitness.Start(log);
        (await witness.Submit(log.Body(0, 6))).EnsureSuccessStatusCode();

        await witness.Restart();

        using var stale = await witness.Submit(log.Body(0, 9));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("6\n", await stale.Content.ReadAsStringAsync());
        using var extension = await witness.Submit(log.Body(6, 9));
        Assert.Equal(HttpStatusCode.OK, extension.StatusCode);
    }

    [Fact]
    public async Task Monitors_read_the_latest_cosigned_checkpoint()
    {
        using var log = new TestLog();
        await using var witness = await TestWitness.Start(log);
        using var before = await witness.Client.GetAsync(new Uri($"/checkpoint?origin={log.LogOrigin}", UriKind.Relative));
        var line = await (await witness.Submit(log.Body(0, 4))).Content.ReadAsStringAsync();

        using var after = await witness.Client.GetAsync(new Uri($"/checkpoint?origin={log.LogOrigin}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var note = await after.Content.ReadAsStringAsync();
        Assert.Equal(log.Note(4).Split('\n')[..3], note.Split('\n')[..3]);
        Assert.EndsWith(line, note, StringComparison.Ordinal);
        Assert.True(Cosignatures.Check(note, WitnessPolicy.Parse([witness.VerifierKey], 1)).Met);
    }

    [Fact]
    public async Task A_checkpoint_the_witness_cannot_persist_is_not_cosigned()
    {
        using var log = new TestLog();
        await using var witness = await TestWitness.Start(log);
        // A folder where the log's record goes: the rename over it fails, as a full or broken disk would.
        Directory.CreateDirectory(Path.Combine(witness.Folder, "logs", TestWitness.StateId(log.LogOrigin) + ".json"));

        using var response = await witness.Submit(log.Body(0, 3));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("\u2014 witness.example/test", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(witness.Folder, "logs"), "*", SearchOption.AllDirectories));
    }
}
