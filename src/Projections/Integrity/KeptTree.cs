using System.Text.Json;
using FairDraw.Ledger.Integrity;
using Npgsql;

namespace FairDraw.Projections.Integrity;

/// <summary>A stored tree that extends the kept checkpoint, and that checkpoint (null for a ledger never signed).</summary>
internal sealed record KeptTree(MerkleAccumulator Tree, long LeavesRead, KeptCheckpoint? Kept, long KeptSize, bool Bootstrapped)
{
    /// <summary>How every reason of a refusal begins.</summary>
    public const string RefusalPrefix = "签名器拒绝签署 / the signer refuses to sign: ";

    /// <summary>
    /// Loads the <paramref name="size"/> stored leaves (<see cref="StoredTree"/>) and checks that they extend the kept
    /// checkpoint: at least its size and, at its size, exactly its root, which makes the tree's root there a consistency
    /// proof from it. Without a kept file the database's newest checkpoint this key verifies stands in for it
    /// (<see cref="Bootstrapped"/>). Throws <see cref="SignerRefusedException"/> naming what does not hold.
    /// </summary>
    public static async Task<KeptTree> LoadAsync(
        NpgsqlConnection connection, string schema, string verifierKey, byte[]? keptFile, long size, CancellationToken cancellation)
    {
        var kept = keptFile is null ? await NewestVerifiedAsync(connection, schema, verifierKey, cancellation) : Parse(keptFile, verifierKey);
        if (kept is null)
        {
            var (fresh, leavesRead, _) = await LoadStoredAsync(connection, schema, verifierKey, size, null, cancellation);
            return new KeptTree(fresh, leavesRead, null, 0, false);
        }

        var (checkpoint, signed) = kept.Value;
        var (tree, read, rangeAtKept) = size < signed.TreeSize
            ? throw Shorter(size, signed.TreeSize)
            : await LoadStoredAsync(connection, schema, verifierKey, size, signed.TreeSize, cancellation);
        if (rangeAtKept is null)
        {
            throw Shorter(tree.Size, signed.TreeSize); // leaf indexes missing below the kept size
        }

        var rootAtKept = MerkleAccumulator.Resume(signed.TreeSize, rangeAtKept)!.Root();
        if (!rootAtKept.AsSpan().SequenceEqual(signed.RootHash))
        {
            throw new SignerRefusedException(
                $"{RefusalPrefix}存储的叶子在 {signed.TreeSize} 处的根与保留的检查点不同 / the stored leaves give another root at size "
                + $"{signed.TreeSize} ({Convert.ToBase64String(rootAtKept)}) than the kept checkpoint ({Convert.ToBase64String(signed.RootHash)}): "
                + "leaves were rewritten");
        }

        return keptFile is null
            ? new KeptTree(tree, read, checkpoint with { CompactRange = rangeAtKept }, signed.TreeSize, true)
            : new KeptTree(tree, read, checkpoint, signed.TreeSize, false);
    }

    private static SignerRefusedException Shorter(long leaves, long keptSize) => new(
        $"{RefusalPrefix}账本日志只有 {leaves} 个叶子，少于保留的检查点的 {keptSize} 个 / the log holds {leaves} leaves, fewer than the "
        + $"{keptSize} of the kept checkpoint: it was rolled back or leaves were deleted");

    private static async Task<(MerkleAccumulator Tree, long LeavesRead, byte[]? RangeAtMark)> LoadStoredAsync(
        NpgsqlConnection connection, string schema, string verifierKey, long size, long? mark, CancellationToken cancellation)
    {
        try
        {
            return await StoredTree.LoadAsync(connection, schema, verifierKey, size, mark, cancellation);
        }
        catch (CheckpointException unusable)
        {
            throw new SignerRefusedException($"{RefusalPrefix}无法载入账本日志 / the log cannot be loaded: {unusable.Message}");
        }
    }

    /// <summary>The kept file, its signature checked under the key and its compact range folded into the signed root.</summary>
    private static (KeptCheckpoint Checkpoint, Checkpoint Signed) Parse(byte[] keptFile, string verifierKey)
    {
        try
        {
            var kept = KeptCheckpoint.Parse(keptFile);
            var signed = CheckpointVerifier.Verify(kept.SignedNote, verifierKey);
            if (MerkleAccumulator.Resume(signed.TreeSize, kept.CompactRange) is not { } tree || !tree.Root().AsSpan().SequenceEqual(signed.RootHash))
            {
                throw new SignerRefusedException(
                    $"{RefusalPrefix}保留的压缩范围与其签名的根不符 / the kept compact range does not fold into the root the kept checkpoint "
                    + $"{signed.TreeSize} signs");
            }

            return (kept, signed);
        }
        catch (Exception unreadable) when (unreadable is JsonException or CheckpointException)
        {
            throw new SignerRefusedException($"{RefusalPrefix}保留的检查点无效 / the kept checkpoint is unusable: {unreadable.Message}");
        }
    }

    /// <summary>The newest stored checkpoint whose note this key verifies, without a range (the loaded tree gives it).</summary>
    private static async Task<(KeptCheckpoint, Checkpoint)?> NewestVerifiedAsync(
        NpgsqlConnection connection, string schema, string verifierKey, CancellationToken cancellation)
    {
        await using var checkpoints = new NpgsqlCommand(
            $"select tree_size, signed_note from {schema}.ledger_checkpoints order by tree_size desc", connection);
        await using var reader = await checkpoints.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            try
            {
                var signed = CheckpointVerifier.Verify(reader.GetString(1), verifierKey);
                if (signed.TreeSize == reader.GetInt64(0))
                {
                    return (new KeptCheckpoint(reader.GetString(1), []), signed);
                }
            }
            catch (CheckpointException)
            {
                // not this key's, or altered: verify ledger reports it; an older one may still serve
            }
        }

        return null;
    }
}
