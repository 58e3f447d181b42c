using FairDraw.Ledger.Integrity;
using Npgsql;

namespace FairDraw.Projections.Integrity;

/// <summary>
/// Loads the log's tree when its leader starts or takes over: the compact range kept with the newest checkpoint at or
/// below a given size, then only the leaves after it. A range is used once it folds into the root its checkpoint signs;
/// a range that does not is refused, never trusted. Without a kept range (checkpoints signed before ranges were kept)
/// or a note this key verifies, every leaf is read.
/// </summary>
internal static class StoredTree
{
    /// <summary>
    /// The tree of the <paramref name="size"/> stored leaves, the leaves read to build it, and its compact range at
    /// <paramref name="mark"/> (≤ <paramref name="size"/>; null when there is no mark), for the kept checkpoint's check.
    /// </summary>
    public static async Task<(MerkleAccumulator Tree, long LeavesRead, byte[]? RangeAtMark)> LoadAsync(
        NpgsqlConnection connection, string schema, string verifierKey, long size, long? mark, CancellationToken cancellation)
    {
        var tree = await ResumeAsync(connection, schema, verifierKey, mark ?? size, cancellation) ?? new MerkleAccumulator();
        var rangeAtMark = tree.Size == mark ? tree.CompactRange() : null;
        var leavesRead = 0L;
        await using var leaves = new NpgsqlCommand(
            $"select leaf_hash from {schema}.ledger_log where leaf_index >= @from order by leaf_index", connection);
        leaves.Parameters.AddWithValue("from", tree.Size);
        await using var reader = await leaves.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            tree.Append((byte[])reader[0]);
            leavesRead++;
            if (tree.Size == mark)
            {
                rangeAtMark = tree.CompactRange();
            }
        }

        return (tree, leavesRead, rangeAtMark);
    }

    /// <summary>The tree at the newest checkpoint up to <paramref name="limit"/> from its kept range, or null when there is none to resume from.</summary>
    private static async Task<MerkleAccumulator?> ResumeAsync(
        NpgsqlConnection connection, string schema, string verifierKey, long limit, CancellationToken cancellation)
    {
        await using var newest = new NpgsqlCommand(
            $"select tree_size, signed_note, compact_range from {schema}.ledger_checkpoints where tree_size <= @limit order by tree_size desc limit 1",
            connection);
        newest.Parameters.AddWithValue("limit", limit);
        await using var reader = await newest.ExecuteReaderAsync(cancellation);
        if (!await reader.ReadAsync(cancellation) || await reader.IsDBNullAsync(2, cancellation))
        {
            return null;
        }

        var (treeSize, note, range) = (reader.GetInt64(0), reader.GetString(1), (byte[])reader[2]);
        Checkpoint signed;
        try
        {
            signed = CheckpointVerifier.Verify(note, verifierKey);
        }
        catch (CheckpointException)
        {
            return null; // no root this key vouches for (another key, or an altered note, which verify ledger reports)
        }

        var tree = MerkleAccumulator.Resume(treeSize, range);
        if (signed.TreeSize != treeSize || tree is null || !tree.Root().AsSpan().SequenceEqual(signed.RootHash))
        {
            throw new CheckpointException(
                $"the compact range kept with checkpoint {treeSize} does not produce its signed root: the log refuses to resume from it "
                + "(run verify ledger)");
        }

        return tree;
    }
}
