using FairDraw.Api.Access;
using FairDraw.Api.Demo;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FairDraw.Api.Tests.Integrity;

/// <summary>
/// The signer keeps its newest checkpoint beside its key and never signs a tree that does not extend it: after each way a
/// database superuser can rewind or rewrite the log (or the kept file is rolled back), a restarted log refuses, says
/// why, and signs nothing; an honest restart keeps signing; the operator's explicit way out ends the refusal.
/// </summary>
[Collection(nameof(IntegrityCollection))]
public sealed partial class RefusingForks(IntegrityHost fixture) : IAsyncLifetime
{
    private const long Signed = IntegrityHost.Entities + (2 * IntegrityHost.Updated);

    // A stream of one event, so that rewriting it leaves no successor whose prev would show it.
    private static readonly string Short = StreamKeys.Entity(DemoEntities.Generate(IntegrityHost.Updated + 1).Last().Uscc!);

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private CheckpointSigner Signer => fixture.Host.Services.GetRequiredService<CheckpointSigner>();

    /// <summary>A new log object over the same tables and key folder, as after a restart of the API.</summary>
    private LedgerLog Restarted() =>
        new(fixture.DataSource, fixture.Schema, Signer, fixture.KeptCheckpoint, LedgerLogOptions.Default, NullLogger.Instance);

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // owner-only modes are POSIX file modes
    public async Task The_kept_file_holds_the_newest_checkpoint_and_its_range_owner_only_and_moves_on_with_each_checkpoint()
    {
        Assert.Equal((Signed, await NewestCheckpointAsync()), Kept());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fixture.KeptCheckpoint.Path));

        await RegisterAsync("MA6FRK01");
        await fixture.Log.IntegrateAsync(CancellationToken.None);
        await fixture.Log.CheckpointAsync(CancellationToken.None);

        Assert.Equal((Signed + 1, await NewestCheckpointAsync()), Kept());
        Assert.Equal( // nothing left of the atomic write's temporary file
            [KeptCheckpoint.FileName, SigningKeys.LedgerKey, SigningKeys.TokenKey],
            Directory.GetFiles(fixture.KeyDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, string> Tampering => new()
    {
        { "delete from {s}.ledger_log where leaf_index >= 2000", "fewer than" }, // the signed tail of the log
        { "delete from {s}.ledger_log where leaf_index >= 2000; delete from {s}.ledger_checkpoints", "fewer than" }, // with its checkpoints
        // One leaf rewritten, and the checkpoints that would show it deleted, so the log is read leaf by leaf.
        { "update {s}.ledger_log set leaf_hash = sha256(leaf_hash) where leaf_index = 7; delete from {s}.ledger_checkpoints", "another root" },
        // A checkpoint row beyond the kept one (a copy of the newest, one leaf larger).
        {
            "insert into {s}.ledger_checkpoints (tree_size, root_hash, signed_note) "
            + "select tree_size + 1, root_hash, signed_note from {s}.ledger_checkpoints",
            "is not the kept checkpoint"
        },
        // The newest checkpoint's compact range altered: the log cannot resume from it (this was a 500 on POST).
        { "update {s}.ledger_checkpoints set compact_range = set_byte(compact_range, 0, get_byte(compact_range, 0) # 1)", "compact range" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task A_restarted_log_refuses_a_tampered_log_says_why_and_signs_nothing(string sql, string reason)
    {
        await fixture.TamperAsync(sql);
        await RegisterAsync("MA6FRK02"); // something new to sign
        var rows = await CheckpointRowsAsync();

        await AssertRefusesAsync(Restarted(), reason, rows);
    }

    [Fact]
    public async Task A_kept_file_rolled_back_behind_the_database_is_refused_even_without_a_restart()
    {
        var old = fixture.KeptCheckpoint.Read()!;
        await RegisterAsync("MA6FRK03");
        await fixture.Log.IntegrateAsync(CancellationToken.None);
        await fixture.Log.CheckpointAsync(CancellationToken.None);
        await File.WriteAllBytesAsync(fixture.KeptCheckpoint.Path, old);
        await RegisterAsync("MA6FRK04");
        var rows = await CheckpointRowsAsync();

        await AssertRefusesAsync(fixture.Log, "is not the kept checkpoint", rows);
        await AssertRefusesAsync(Restarted(), "is not the kept checkpoint", rows);
    }

    [Fact]
    public async Task A_kept_compact_range_that_does_not_fold_into_its_signed_root_is_refused()
    {
        var kept = KeptCheckpoint.Parse(fixture.KeptCheckpoint.Read()!);
        kept.CompactRange[5] ^= 1;
        await File.WriteAllBytesAsync(fixture.KeptCheckpoint.Path, kept.ToBytes());

        await AssertRefusesAsync(Restarted(), "does not fold", await CheckpointRowsAsync());
    }

    /// <summary>The attack: an event rewritten with a recomputed chain hash, the log and checkpoints emptied.</summary>
    [Fact]
    public async Task The_rewrite_rechain_relog_resign_attack_is_refused()
    {
        var sequence = await fixture.SequenceOfAsync(Short, 1);
        await fixture.TamperAsync($"update {{s}}.mt_events set data = jsonb_set(data, '{{Name}}', '\"篡改后的名称\"') where seq_id = {sequence}");
        await fixture.TamperAsync(
            $"update {{s}}.mt_events set headers = jsonb_set(headers, '{{chain}}', '\"{Convert.ToHexStringLower(await RecomputedChainAsync(sequence))}\"') "
            + $"where seq_id = {sequence}; truncate {{s}}.ledger_log, {{s}}.ledger_checkpoints");

        await AssertRefusesAsync(Restarted(), "fewer than", 0); // the log emptied: shorter than the kept checkpoint

        // Relogged by a log that keeps nothing (another key, another folder): as long as the kept tree, another root.
        var elsewhere = Directory.CreateTempSubdirectory("fairdraw-tests-");
        try
        {
            using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
            var relogged = await new LedgerLog(fixture.DataSource, fixture.Schema, new CheckpointSigner(key, Signer.KeyName),
                KeptCheckpointFile.In(elsewhere.FullName), LedgerLogOptions.Default, NullLogger.Instance).IntegrateAsync(CancellationToken.None);
            Assert.Equal(Signed, relogged.TreeSize);
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }

        await AssertRefusesAsync(Restarted(), "another root", 0);
    }

    [Fact]
    public async Task An_honest_restart_keeps_signing_and_a_missing_file_is_taken_from_the_database()
    {
        var restarted = Restarted();
        await RegisterAsync("MA6FRK05");
        await restarted.IntegrateAsync(CancellationToken.None);
        var note = await restarted.CheckpointAsync(CancellationToken.None);

        Assert.Equal(Signed + 1, CheckpointVerifier.Verify(note!, Signer.PublicKeyText()).TreeSize);
        Assert.Equal((Signed + 1, await NewestCheckpointAsync()), Kept());

        File.Delete(fixture.KeptCheckpoint.Path); // as on the first start after this change
        var upgraded = Restarted();
        await upgraded.IntegrateAsync(CancellationToken.None);
        Assert.Equal((Signed + 1, await NewestCheckpointAsync()), Kept());
        await RegisterAsync("MA6FRK06");
        await upgraded.IntegrateAsync(CancellationToken.None);
        await upgraded.CheckpointAsync(CancellationToken.None);
        Assert.Equal((Signed + 2, await NewestCheckpointAsync()), Kept());
        Assert.Null(upgraded.Refusal);
    }

    [Fact]
    public async Task The_refusal_holds_until_an_operator_sets_the_kept_checkpoint_aside()
    {
        // A restore from a backup taken at 2,000 leaves, before any checkpoint: log and checkpoints as they were then.
        await fixture.TamperAsync("delete from {s}.ledger_log where leaf_index >= 2000; delete from {s}.ledger_checkpoints");
        var log = Restarted();
        await AssertRefusesAsync(log, "fewer than", 0);

        var abandoned = await fixture.RunApiAsync("abandon-checkpoint");

        Assert.True(abandoned.ExitCode == 0, abandoned.Output);
        Assert.Single(Directory.GetFiles(fixture.KeyDirectory, KeptCheckpoint.FileName + ".abandoned-*"));
        await log.IntegrateAsync(CancellationToken.None);
        var note = await log.CheckpointAsync(CancellationToken.None);
        Assert.Null(log.Refusal);
        Assert.Equal(
            (Signed, await NewestCheckpointAsync()),
            (CheckpointVerifier.Verify(note!, Signer.PublicKeyText()).TreeSize, Kept().Checkpoint));
    }
}
