using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Integrity;

public sealed partial class RefusingForks
{
    /// <summary>Refused on integrating or, failing that, on signing, with the reason; still refused after; no row added.</summary>
    private async Task AssertRefusesAsync(LedgerLog log, string reason, long checkpointRows)
    {
        var refusal = await Assert.ThrowsAsync<SignerRefusedException>(async () =>
        {
            await log.IntegrateAsync(CancellationToken.None);
            await log.CheckpointAsync(CancellationToken.None);
        });

        Assert.Contains(reason, refusal.Message, StringComparison.Ordinal);
        Assert.Equal(refusal.Message, log.Refusal);
        await Assert.ThrowsAsync<SignerRefusedException>(() => log.IntegrateAsync(CancellationToken.None));
        await Assert.ThrowsAsync<SignerRefusedException>(() => log.CheckpointAsync(CancellationToken.None));
        Assert.Equal(checkpointRows, await CheckpointRowsAsync());
    }

    /// <summary>The kept file's tree size and its note and range (hex).</summary>
    private (long TreeSize, (string Note, string Range) Checkpoint) Kept()
    {
        var kept = KeptCheckpoint.Parse(fixture.KeptCheckpoint.Read()!);
        var size = CheckpointVerifier.Verify(kept.SignedNote, Signer.PublicKeyText()).TreeSize;
        return (size, (kept.SignedNote, Convert.ToHexStringLower(kept.CompactRange)));
    }

    private async Task<(string Note, string Range)> NewestCheckpointAsync()
    {
        await using var newest = fixture.DataSource.CreateCommand(
            $"select signed_note, compact_range from {fixture.Schema}.ledger_checkpoints order by tree_size desc limit 1");
        await using var reader = await newest.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), Convert.ToHexStringLower((byte[])reader[1]));
    }

    private async Task<long> CheckpointRowsAsync()
    {
        await using var count = fixture.DataSource.CreateCommand($"select count(*) from {fixture.Schema}.ledger_checkpoints");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>The chain hash the row's content now gives, as the attacker recomputes it.</summary>
    private async Task<byte[]> RecomputedChainAsync(long sequence)
    {
        await using var row = fixture.DataSource.CreateCommand(
            $"select {StoredEvent.Columns} from {fixture.Schema}.mt_events e where e.seq_id = {sequence}");
        await using var reader = await row.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return StoredEvent.Read(reader).Unseal(out var problem)?.Chain ?? throw new InvalidOperationException(problem);
    }

    private async Task RegisterAsync(string body)
    {
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        await IntegrityHost.RegisterAsync(session, body);
    }
}
