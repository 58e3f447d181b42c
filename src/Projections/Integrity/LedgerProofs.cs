using System.Text;
using FairDraw.Ledger;
using FairDraw.Ledger.Integrity;
using Npgsql;

namespace FairDraw.Projections.Integrity;

/// <summary>
/// Inclusion and consistency proofs and receipts, built from the log's stored complete subtrees (<see cref="LedgerNodes"/>):
/// O(log n) hashes per proof, read in one query per batch. With a witness policy (<paramref name="witnesses"/>, the
/// configured witnesses), a receipt is proved against the newest witnessed checkpoint that covers its event, else the
/// newest signed one, and says which.
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
    /// Receipts for several events against the newest checkpoint, reading their proofs' nodes in one query; null for an event not yet
    /// logged or not yet covered by a signed checkpoint.
    /// </summary>
    public async Task<IReadOnlyList<Receipt?>> ReceiptsAsync(IReadOnlyList<long> sequences, CancellationToken cancellation) =>
        [.. (await ReceiptsOrRefusalsAsync(sequences, cancellation)).Select(result => result.Receipt)];

    /// <summary>
    /// Receipts for several events all against one checkpoint, the newest signed one, so that a page of them can give it
    /// once; null for an event not logged or not covered by it. Their <c>Witnessed</c> is null: whether that checkpoint
    /// meets a witness policy is for the reader to check on its cosignatures. The checkpoint is null before the first.
    /// </summary>
    public async Task<(CosignedCheckpoint? Checkpoint, IReadOnlyList<Receipt?> Receipts)> ReceiptsAgainstNewestAsync(
        IReadOnlyList<long> sequences, CancellationToken cancellation)
    {
        var checkpoint = await cosignatures.NewestAsync(cancellation);
        var results = await ReceiptsOrRefusalsAsync(sequences, checkpoint, null, cancellation);
        return (checkpoint, [.. results.Select(result => result.Receipt is { } receipt ? receipt with { Witnessed = null } : null)]);
    }

    private async Task<List<(Receipt? Receipt, DomainException? Refusal)>> ReceiptsOrRefusalsAsync(
        IReadOnlyList<long> sequences, CancellationToken cancellation)
    {
        var checkpoint = await cosignatures.NewestAsync(cancellation);
        var witnessed = witnesses is null ? null : await cosignatures.NewestWitnessedAsync(witnesses, cancellation);
        return await ReceiptsOrRefusalsAsync(sequences, checkpoint, witnessed, cancellation);
    }

    private async Task<List<(Receipt? Receipt, DomainException? Refusal)>> ReceiptsOrRefusalsAsync(
        IReadOnlyList<long> sequences, CosignedCheckpoint? checkpoint, CosignedCheckpoint? witnessed, CancellationToken cancellation)
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

        var nodes = await LedgerNodes.ReadAsync(dataSource, schema, stored.Values
            .Select(row => (row.LeafIndex, Against: ProvedAgainst(row.LeafIndex, checkpoint, witnessed).Checkpoint))
            .Where(row => row.Against is { } against && row.LeafIndex < against.Size)
            .SelectMany(row => MerkleTree.InclusionNodes(row.LeafIndex, row.Against!.Size)), cancellation);
        return [.. sequences.Select(sequence => Receipt(sequence, stored, checkpoint, witnessed, nodes))];
    }

    /// <summary>
    /// The checkpoint a leaf's receipt is proved against: the newest witnessed one that covers it, else the newest signed
    /// one (null before the first); and whether it is witnessed (null when no witnesses are configured: nothing was asked).
    /// </summary>
    private (CosignedCheckpoint? Checkpoint, bool? Witnessed) ProvedAgainst(long leafIndex, CosignedCheckpoint? signed, CosignedCheckpoint? witnessed) =>
        witnessed is { } cosigned && leafIndex < cosigned.Size ? (cosigned, true) : (signed, witnesses is null ? null : false);

    private (Receipt? Receipt, DomainException? Refusal) Receipt(
        long sequence, Dictionary<long, (StoredEvent Event, long LeafIndex)> stored, CosignedCheckpoint? checkpoint,
        CosignedCheckpoint? witnessed, Dictionary<MerkleNode, byte[]> nodes)
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

        var (against, isWitnessed) = ProvedAgainst(row.LeafIndex, signed, witnessed);
        var proof = MerkleTree.InclusionProof(node => Stored(nodes, node), row.LeafIndex, against!.Size);
        return (new Receipt(
            row.Event.StreamKey, row.Event.Version, row.Event.Sequence, row.LeafIndex, Encoding.UTF8.GetString(sealedEvent.Canonical),
            [.. proof.Select(Convert.ToHexStringLower)], against.Note, verifierKey, isWitnessed), null);
    }

    /// <summary>
    /// The consistency proof between two tree sizes (hex hashes). The sizes are checked before any node is read: 400 for
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

        return [.. (await ConsistencyFromNodesAsync(oldSize, newSize, cancellation)).Select(Convert.ToHexStringLower)];
    }

    /// <summary>
    /// The consistency proofs from each of <paramref name="oldSizes"/> (each from 1 to <paramref name="newSize"/>) to
    /// <paramref name="newSize"/>, in that order, their stored subtrees read in one query: a duty bundle's bound checkpoints.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<byte[]>>> ConsistencyProofsAsync(IReadOnlyList<long> oldSizes, long newSize, CancellationToken cancellation)
    {
        var nodes = await LedgerNodes.ReadAsync(dataSource, schema, oldSizes.SelectMany(oldSize => MerkleTree.ConsistencyNodes(oldSize, newSize)), cancellation);
        return [.. oldSizes.Select(oldSize => MerkleTree.ConsistencyProof(node => Stored(nodes, node), oldSize, newSize))];
    }

    private async Task<IReadOnlyList<byte[]>> ConsistencyFromNodesAsync(long oldSize, long newSize, CancellationToken cancellation)
    {
        var nodes = await LedgerNodes.ReadAsync(dataSource, schema, MerkleTree.ConsistencyNodes(oldSize, newSize), cancellation);
        return MerkleTree.ConsistencyProof(node => Stored(nodes, node), oldSize, newSize);
    }

    /// <summary>
    /// One multi-leaf inclusion proof (hex) of <paramref name="leafIndexes"/>, strictly ascending, in the tree of
    /// <paramref name="treeSize"/> (<see cref="MerkleTree.MultiInclusionProof"/>), its nodes read in one query.
    /// </summary>
    public async Task<IReadOnlyList<string>> MultiInclusionAsync(IReadOnlyList<long> leafIndexes, long treeSize, CancellationToken cancellation)
    {
        var nodes = await LedgerNodes.ReadAsync(dataSource, schema, MerkleTree.MultiInclusionNodes(leafIndexes, treeSize), cancellation);
        return [.. MerkleTree.MultiInclusionProof(node => Stored(nodes, node), leafIndexes, treeSize).Select(Convert.ToHexStringLower)];
    }

    private static byte[] Stored(Dictionary<MerkleNode, byte[]> nodes, MerkleNode node) => nodes.TryGetValue(node, out var hash) ? hash
        : throw new InvalidOperationException(
            $"the log's node table lacks level {node.Level} index {node.Index}: apply the schema with the migrate verb, which fills it");

    /// <summary>
    /// The consistency proof from <paramref name="oldSize"/> (≥ 1) to <paramref name="newSize"/> for a witness: from the
    /// compact range kept with the checkpoint at the old size and the leaves after it, so it costs the leaves added since;
    /// from the stored nodes when no range is kept at that size. A wrong range gives a proof the witness refuses.
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

        return await ConsistencyFromNodesAsync(oldSize, newSize, cancellation);
    }

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
