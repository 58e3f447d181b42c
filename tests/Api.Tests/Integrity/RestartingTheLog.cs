using System.Security.Cryptography;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FairDraw.Api.Tests.Integrity;

/// <summary>
/// A log that starts over a signed ledger of a few thousand leaves resumes from the compact range kept with the newest
/// checkpoint and reads only the leaves after it; what it then signs is what a full re-read signs; a range that does
/// not fold into its signed root is refused by the log and reported by verify ledger.
/// </summary>
[Collection(nameof(IntegrityCollection))]
public sealed class RestartingTheLog(IntegrityHost fixture) : IAsyncLifetime
{
    private const long Signed = IntegrityHost.Entities + (2 * IntegrityHost.Updated);

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private CheckpointSigner Signer => fixture.Host.Services.GetRequiredService<CheckpointSigner>();

    /// <summary>A new log object over the same tables, as after a restart of the API or a change of leader.</summary>
    private LedgerLog Restarted() => new(fixture.DataSource, fixture.Schema, Signer, fixture.KeptCheckpoint, LedgerLogOptions.Default, NullLogger.Instance);

    [Fact]
    public async Task A_restarted_log_reads_only_the_leaves_after_its_newest_checkpoint_and_signs_what_a_full_re_read_gives()
    {
        await RegisterAsync(3);
        await fixture.Log.IntegrateAsync(CancellationToken.None); // logged but not yet signed

        var restarted = Restarted();
        var pass = await restarted.IntegrateAsync(CancellationToken.None);
        var note = await restarted.CheckpointAsync(CancellationToken.None);

        Assert.Equal((3L, Signed + 3), (pass.LeavesRead, pass.TreeSize));
        var full = await FullReReadAsync();
        var signed = CheckpointVerifier.Verify(note!, Signer.PublicKeyText());
        Assert.Equal(full.Size, signed.TreeSize);
        Assert.Equal(full.Root(), signed.RootHash);
        Assert.Equal(full.CompactRange(), await KeptRangeAsync(full.Size));
        Assert.Empty((await fixture.VerifyAsync()).Findings);
    }

    [Fact]
    public async Task A_ledger_signed_before_ranges_were_kept_is_read_in_full_once()
    {
        await fixture.TamperAsync("update {s}.ledger_checkpoints set compact_range = null");

        var upgraded = Restarted();
        var first = await upgraded.IntegrateAsync(CancellationToken.None);
        await RegisterAsync(1);
        await upgraded.IntegrateAsync(CancellationToken.None);
        await upgraded.CheckpointAsync(CancellationToken.None);
        var second = await Restarted().IntegrateAsync(CancellationToken.None);

        Assert.Equal((Signed, Signed), (first.LeavesRead, first.TreeSize));
        Assert.Equal((0L, Signed + 1), (second.LeavesRead, second.TreeSize));
        Assert.Equal((await FullReReadAsync()).CompactRange(), await KeptRangeAsync(Signed + 1));
        Assert.Empty((await fixture.VerifyAsync()).Findings);
    }

    [Fact]
    public async Task A_checkpoint_the_leaders_key_does_not_verify_gives_no_root_to_resume_from()
    {
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var otherSigner = new CheckpointSigner(otherKey, Signer.KeyName);

        var otherFolder = Directory.CreateTempSubdirectory("fairdraw-tests-");
        try
        {
            var other = new LedgerLog(
                fixture.DataSource, fixture.Schema, otherSigner, KeptCheckpointFile.In(otherFolder.FullName), LedgerLogOptions.Default, NullLogger.Instance);
            var pass = await other.IntegrateAsync(CancellationToken.None);

            Assert.Equal((Signed, Signed), (pass.LeavesRead, pass.TreeSize));
        }
        finally
        {
            otherFolder.Delete(recursive: true);
        }
    }

    public static TheoryData<string> Tampering => new()
    {
        "set compact_range = set_byte(compact_range, 0, get_byte(compact_range, 0) # 1)", // one bit flipped
        "set compact_range = substring(compact_range from 1 for 32)", // one hash cut off
        // The seeded size has two 1 bits, so two made-up hashes are a well-formed range; the row's root is made to match
        // it, and only the signed note can tell.
        "set compact_range = sha256('x') || sha256('y'), root_hash = sha256('\\x01'::bytea || sha256('x') || sha256('y'))",
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task A_tampered_compact_range_is_refused_by_the_log_and_reported_by_verify(string set)
    {
        Assert.Equal(2, long.PopCount(Signed));
        await fixture.TamperAsync($"update {{s}}.ledger_checkpoints {set}");

        var refusal = await Assert.ThrowsAsync<SignerRefusedException>(() => Restarted().IntegrateAsync(CancellationToken.None));

        Assert.Contains("compact range", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(
            (await fixture.VerifyAsync()).Findings,
            f => f.Kind == FindingKind.LogAltered && f.Detail.Contains("compact range", StringComparison.Ordinal));
    }

    private async Task RegisterAsync(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
            await IntegrityHost.RegisterAsync(session, $"MA6RNT0{i}");
        }
    }

    private async Task<MerkleAccumulator> FullReReadAsync()
    {
        var tree = new MerkleAccumulator();
        foreach (var leaf in await fixture.LeavesAsync())
        {
            tree.Append(leaf);
        }

        return tree;
    }

    private async Task<byte[]> KeptRangeAsync(long treeSize)
    {
        await using var range = fixture.DataSource.CreateCommand(
            $"select compact_range from {fixture.Schema}.ledger_checkpoints where tree_size = @size");
        range.Parameters.AddWithValue("size", treeSize);
        return (byte[])(await range.ExecuteScalarAsync())!;
    }
}
