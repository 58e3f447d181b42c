using System.Text;
using FairDraw.Ledger;
using FairDraw.Ledger.Integrity;
using Npgsql;

namespace FairDraw.Projections.Integrity;

/// <summary>
/// Inclusion and consistency proofs and receipts, computed from the stored leaves (O(n) in the tree size: fine for the
/// sizes this ledger reaches on one machine; a store of interior nodes would make it O(log n)). With a witness policy
/// (<paramref name="witnesses"/>, the configured witnesses), a receipt is proved against the newest witnessed checkpoint
/// that covers its event, else the newest signed one, and says which.
/// </summary>
public sealed class LedgerProofs(
    NpgsqlDataSource dataSource, string schema, string verifierKey, LedgerCosignatures cosignatures, WitnessPolicy? witnesses)
{
    /// <summary>The newest signed checkpoint: its size, root and note; null before the first.</summary>
    public async Task<(long Size, string Note)?> LatestCheckpointAsync(CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"select tree_size, signed_note from {schema}.ledger_checkpoints order by tree_size desc limit 1");
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation) ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    /// <summary>The stream key of the event at ledger sequence <paramref name="sequence"/>; null when there is none.</summary>
    public async Task<string?> StreamOfAsync(long sequence, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"select stream_id from {schema}.mt_events where seq_id = @sequence");
        command.Parameters.AddWithValue("sequence", sequence);
        return await command.ExecuteScalarAsync(cancellation) as string;
    }

    /// <summary>A receipt for the event at ledger sequence <paramref name="sequence"/>, against the newest checkpoint that covers it.</summary>
    public async Task<Receipt> ReceiptAsync(long sequence, CancellationToken cancellation)
    {
        var (receipt, refusal) = (await ReceiptsOrRefusalsAsync([sequence], cancellation))[0];
        return receipt ?? throw refusal!;
    }

    /// <summary>
    /// Receipts for several events against the newest checkpoint, reading the leaves once; null for an event not yet
    /// logged or not yet covered by a signed checkpoint.
    /// </summary>
    public async Task<IReadOnlyList<Receipt?>> ReceiptsAsync(IReadOnlyList<long> sequences, CancellationToken cancellation) =>
        [.. (await ReceiptsOrRefusalsAsync(sequences, cancellation)).Select(result => result.Receipt)];

    private async Task<List<(Receipt? Receipt, DomainException? Refusal)>> ReceiptsOrRefusalsAsync(IReadOnlyList<long> sequences, CancellationToken cancellation)
    {
        var stored = new Dictionary<long, (StoredEvent Event, long LeafIndex)>();
        await using (var command = dataSource.CreateCommand($"""
            select {StoredEvent.Columns}, l.leaf_index from {schema}.mt_events e join {schema}.ledger_log l on l.seq_id = e.seq_id where e.seq_id = any(@sequences)
            """))
        {
            command.Parameters.AddWithValue("sequences", sequences.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                var row = StoredEvent.Read(reader);
                stored[row.Sequence] = (row, reader.GetInt64(6));
            }
        }

        var checkpoint = await cosignatures.NewestAsync(cancellation);
        var witnessed = witnesses is null ? null : await cosignatures.NewestWitnessedAsync(witnesses, cancellation);
        var covered = stored.Values.Where(row => checkpoint is { } signed && row.LeafIndex < signed.Size).ToList();
        var leaves = covered.Count == 0 ? [] : await LeavesAsync(checkpoint!.Size, cancellation);
        return [.. sequences.Select(sequence => Receipt(sequence, stored, checkpoint, witnessed, leaves))];
    }

    private (Receipt? Receipt, DomainException? Refusal) Receipt(
        long sequence, Dictionary<long, (StoredEvent Event, long LeafIndex)> stored, CosignedCheckpoint? checkpoint,
        CosignedCheckpoint? witnessed, List<byte[]> leaves)
    {
        if (!stored.TryGetValue(sequence, out var row))
        {
            return (null, DomainException.NotFound("sequence", $"账本位置{sequence}没有已入日志的事件 / no logged event at ledger position {sequence}"));
        }

        if (checkpoint is not { } signed || signed.Size <= row.LeafIndex)
        {
            return (null, DomainException.Conflict("sequence", "该事件尚未被签名检查点覆盖，请稍后重试 / the event is not yet covered by a signed checkpoint; retry shortly"));
        }

        var sealedEvent = row.Event.Unseal(out var problem);
        if (sealedEvent is null)
        {
            return (null, DomainException.Conflict("sequence", "事件无法重建规范字节 / the event cannot be rebuilt into canonical bytes: " + problem));
        }

        // Without witnesses configured, Witnessed stays null: nothing was asked of any witness.
        var (against, isWitnessed) = witnessed is { } cosigned && row.LeafIndex < cosigned.Size ? (cosigned, true)
            : (signed, witnesses is null ? (bool?)null : false);
        var proof = MerkleTree.InclusionProof(leaves, row.LeafIndex, against.Size);
        return (new Receipt(
            row.Event.StreamKey, row.Event.Version, row.Event.Sequence, row.LeafIndex, Encoding.UTF8.GetString(sealedEvent.Canonical),
            [.. proof.Select(Convert.ToHexStringLower)], against.Note, verifierKey, isWitnessed), null);
    }

    /// <summary>
    /// The consistency proof between two tree sizes (hex hashes). The sizes are checked before any leaf is read: 400 for
    /// sizes that cannot be (from &lt; 1, to &lt; from), 404 for a size the log has not reached.
    /// </summary>
    public async Task<IReadOnlyList<string>> ConsistencyAsync(long oldSize, long newSize, CancellationToken cancellation)
    {
        if (oldSize < 1)
        {
            throw DomainException.Invalid("from", $"from 应为正整数，实际为{oldSize} / from must be at least 1, got {oldSize}");
        }

        if (newSize < oldSize)
        {
            throw DomainException.Invalid("to", $"to（{newSize}）不能小于 from（{oldSize}） / to ({newSize}) must not be less than from ({oldSize})");
        }

        await using var count = dataSource.CreateCommand($"select coalesce(max(leaf_index) + 1, 0) from {schema}.ledger_log");
        var logSize = (long)(await count.ExecuteScalarAsync(cancellation))!;
        if (newSize > logSize)
        {
            throw DomainException.NotFound("to", $"日志只有{logSize}个叶子，没有大小为{newSize}的树 / the log holds {logSize} leaves, no tree of size {newSize}");
        }

        return [.. MerkleTree.ConsistencyProof(await LeavesAsync(newSize, cancellation), oldSize, newSize).Select(Convert.ToHexStringLower)];
    }

    /// <summary>
    /// The consistency proof from <paramref name="oldSize"/> (≥ 1) to <paramref name="newSize"/> for a witness: from the
    /// compact range kept with the checkpoint at the old size and the leaves after it, so it costs the leaves added since;
    /// every leaf is read only when no range is kept at that size. A wrong range gives a proof the witness refuses.
    /// </summary>
    public async Task<IReadOnlyList<byte[]>> ConsistencyFromCheckpointAsync(long oldSize, long newSize, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"select compact_range from {schema}.ledger_checkpoints where tree_size = @size");
        command.Parameters.AddWithValue("size", oldSize);
        if (await command.ExecuteScalarAsync(cancellation) is byte[] range && range.Length == long.PopCount(oldSize) * MerkleTree.HashSize)
        {
            var added = await LeavesAsync(oldSize, newSize, cancellation);
            return MerkleTree.ConsistencyProof(oldSize, range, added);
        }

        return MerkleTree.ConsistencyProof(await LeavesAsync(newSize, cancellation), oldSize, newSize);
    }

    private Task<List<byte[]>> LeavesAsync(long size, CancellationToken cancellation) => LeavesAsync(0, size, cancellation);

    /// <summary>The leaf hashes of indexes [<paramref name="from"/>, <paramref name="to"/>), in order.</summary>
    private async Task<List<byte[]>> LeavesAsync(long from, long to, CancellationToken cancellation)
    {
        var leaves = new List<byte[]>((int)Math.Min(to - from, 1 << 24));
        await using var command = dataSource.CreateCommand(
            $"select leaf_hash from {schema}.ledger_log where leaf_index >= @from and leaf_index < @size order by leaf_index");
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("size", to);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            leaves.Add((byte[])reader[0]);
        }

        return leaves;
    }
}
