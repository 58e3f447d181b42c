using FairDraw.Ledger.Integrity;
using Npgsql;

namespace FairDraw.Projections.Integrity;

public sealed partial class LedgerVerifier
{
    /// <summary>The stored leaves in index order and the index ranges missing among them ([From, To)).</summary>
    private sealed record StoredLog(List<Leaf> Leaves, List<(long From, long To)> Gaps)
    {
        public long Size => Leaves.Count == 0 ? 0 : Leaves[^1].Index + 1;

        /// <summary>The leaves before the first gap: only trees up to this size have a root to compare.</summary>
        public long Contiguous => Gaps.Count == 0 ? Size : Gaps[0].From;
    }

    /// <summary>
    /// The checkpoints checked: how many are stored and trusted, the largest signed size within the log, every root signed
    /// under the key (stored or trusted) by size, how many of them lie beyond a gap in the log and went unchecked, every
    /// signed checkpoint the contiguous leaves were compared with, and the findings those comparisons made.
    /// </summary>
    private sealed record CheckpointSummary(
        long Stored, long Trusted, long SignedSize, Dictionary<long, byte[]> SignedRoots, int BeyondGap,
        List<Checkpoint> Compared, List<LedgerFinding> RootContradictions);

    private async Task<StoredLog> ReadLogAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        var log = new StoredLog([], []);
        await using var command = new NpgsqlCommand($"select leaf_index, seq_id, stream_key, version, leaf_hash from {schema}.ledger_log order by leaf_index", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var leaf = new Leaf(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3), (byte[])reader[4]);
            if (leaf.Index != log.Size)
            {
                log.Gaps.Add((log.Size, leaf.Index));
            }

            log.Leaves.Add(leaf);
        }

        return log;
    }

    /// <summary>
    /// Checks every stored checkpoint's signature, its row against its note, its kept compact range against its root and
    /// the stored leaves against its root; then the log against every trusted checkpoint. One finding per cause: a log cut
    /// short or a leaf changed is named once, at the smallest checkpoint it contradicts, with the count of the others.
    /// </summary>
    private async Task<CheckpointSummary> CheckCheckpointsAsync(
        NpgsqlConnection connection, StoredLog log, IReadOnlyList<Checkpoint> trusted, List<LedgerFinding> findings, CancellationToken cancellation)
    {
        var rows = new List<(long Size, byte[] Root, string Note, byte[]? Range)>();
        await using (var command = new NpgsqlCommand(
            $"select tree_size, root_hash, signed_note, compact_range from {schema}.ledger_checkpoints order by tree_size", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                rows.Add((reader.GetInt64(0), (byte[])reader[1], reader.GetString(2), reader.IsDBNull(3) ? null : (byte[])reader[3]));
            }
        }

        var signed = new List<Checkpoint>();
        foreach (var (size, root, note, range) in rows)
        {
            Checkpoint checkpoint;
            try
            {
                checkpoint = CheckpointVerifier.Verify(note, verifierKey);
            }
            catch (CheckpointException error)
            {
                findings.Add(new LedgerFinding(FindingKind.LogAltered, null, null, null, $"checkpoint of size {size}: {error.Message}", size));
                continue;
            }

            if (checkpoint.TreeSize != size || !checkpoint.RootHash.AsSpan().SequenceEqual(root))
            {
                findings.Add(new LedgerFinding(FindingKind.LogAltered, null, null, null, $"checkpoint row of size {size} differs from its signed note (size {checkpoint.TreeSize})", size));
            }

            var rangeRoot = range is null ? checkpoint.RootHash : MerkleAccumulator.Resume(checkpoint.TreeSize, range)?.Root() ?? [];
            if (!rangeRoot.AsSpan().SequenceEqual(checkpoint.RootHash))
            {
                findings.Add(new LedgerFinding(
                    FindingKind.LogAltered, null, null, null, $"the compact range kept with checkpoint {size} does not produce its signed root", size));
            }

            signed.Add(checkpoint);
        }

        var beyondLog = signed.Where(c => c.TreeSize > log.Size).Select(c => c.TreeSize).ToList();
        if (beyondLog.Count > 0)
        {
            findings.Add(new LedgerFinding(FindingKind.LogAltered, null, null, null,
                $"the signed checkpoint of size {beyondLog.Max()} covers more leaves than the log holds ({log.Size}): logged leaves were removed from the log"
                + (beyondLog.Count > 1 ? $" ({beyondLog.Count} stored checkpoints lie beyond it)" : ""), beyondLog.Max()));
        }

        var trustedOnce = trusted.DistinctBy(c => (c.TreeSize, Convert.ToBase64String(c.RootHash))).OrderBy(c => c.TreeSize).ToList();
        var roots = RootsAt(log, signed.Concat(trustedOnce).Select(c => c.TreeSize));
        var before = findings.Count;
        var contradicted = signed.Where(c => roots.TryGetValue(c.TreeSize, out var root) && !root.AsSpan().SequenceEqual(c.RootHash)).ToList();
        if (contradicted.Count > 0)
        {
            findings.Add(new LedgerFinding(FindingKind.LogAltered, null, null, null,
                $"the leaves of the log do not produce the signed root of size {contradicted[0].TreeSize}: the log was rewritten"
                + (contradicted.Count > 1 ? $" ({contradicted.Count - 1} larger stored checkpoints disagree too)" : ""), contradicted[0].TreeSize));
        }

        CheckTrusted(log, trustedOnce, roots, signed, findings);
        var rootContradictions = findings.Skip(before).Where(f => f.Kind is FindingKind.LogAltered or FindingKind.Rewritten).ToList();
        var all = signed.Concat(trustedOnce).ToList();
        return new CheckpointSummary(
            rows.Count,
            trustedOnce.Count,
            signed.Where(c => c.TreeSize <= log.Size).Select(c => c.TreeSize).DefaultIfEmpty(0).Max(),
            all.Where(c => c.TreeSize <= log.Size).DistinctBy(c => c.TreeSize).ToDictionary(c => c.TreeSize, c => c.RootHash),
            all.Count(c => c.TreeSize > log.Contiguous && c.TreeSize <= log.Size),
            [.. all.Where(c => roots.ContainsKey(c.TreeSize))],
            rootContradictions);
    }

    /// <summary>
    /// Proves the log consistent with each trusted checkpoint: the log must reach its size (else a rollback), the stored
    /// leaves must produce its root (else a rewrite, located between the largest trusted size that still matches and the
    /// smallest that does not), and the database must still hold it (else a deleted checkpoint).
    /// </summary>
    private static void CheckTrusted(
        StoredLog log, List<Checkpoint> trusted, Dictionary<long, byte[]> roots, List<Checkpoint> stored, List<LedgerFinding> findings)
    {
        var rolledBack = trusted.Where(c => c.TreeSize > log.Size).ToList();
        if (rolledBack.Count > 0)
        {
            var largest = rolledBack[^1].TreeSize;
            findings.Add(new LedgerFinding(FindingKind.Rollback, null, null, null,
                $"a trusted checkpoint covers {largest:N0} leaves but the log holds {log.Size:N0}: the log was rolled back"
                + (rolledBack.Count > 1 ? $" ({rolledBack.Count} trusted checkpoints lie beyond it)" : ""), largest));
        }

        var compared = trusted.Where(c => roots.ContainsKey(c.TreeSize)).ToList();
        var rewritten = compared.Where(c => !roots[c.TreeSize].AsSpan().SequenceEqual(c.RootHash)).ToList();
        if (rewritten.Count > 0)
        {
            var smallest = rewritten[0].TreeSize;
            var matching = compared.Where(c => c.TreeSize < smallest && !rewritten.Contains(c)).Select(c => c.TreeSize).DefaultIfEmpty(0).Max();
            var exact = matching + 1 == smallest;
            var leaf = log.Leaves[(int)matching];
            findings.Add(exact
                ? new LedgerFinding(FindingKind.Rewritten, leaf.StreamKey, leaf.Version, leaf.Sequence,
                    $"the log disagrees with the trusted checkpoint of size {smallest:N0} and agrees with the one of size {matching:N0}: leaf {matching} (exactly) was changed", smallest)
                : new LedgerFinding(FindingKind.Rewritten, null, null, null,
                    $"the log disagrees with the trusted checkpoint of size {smallest:N0}"
                    + (matching > 0 ? $" and agrees with the one of size {matching:N0}" : "")
                    + $": the first changed leaf lies between leaf {matching} and leaf {smallest - 1} (trusted checkpoints of sizes in between would narrow it)"
                    + (rewritten.Count > 1 ? $"; {rewritten.Count - 1} larger trusted checkpoints disagree too" : ""), smallest));
        }

        foreach (var checkpoint in trusted.Where(c => c.TreeSize <= log.Size && !rewritten.Contains(c)))
        {
            if (!stored.Any(c => c.TreeSize == checkpoint.TreeSize && c.RootHash.AsSpan().SequenceEqual(checkpoint.RootHash)))
            {
                findings.Add(new LedgerFinding(FindingKind.CheckpointDeleted, null, null, null,
                    $"the trusted checkpoint of size {checkpoint.TreeSize:N0} (root {Convert.ToBase64String(checkpoint.RootHash)}) is no longer among the stored checkpoints",
                    checkpoint.TreeSize));
            }
        }
    }

    /// <summary>The root of the stored leaves at each of <paramref name="sizes"/> the contiguous log reaches, in one pass.</summary>
    private static Dictionary<long, byte[]> RootsAt(StoredLog log, IEnumerable<long> sizes)
    {
        var roots = new Dictionary<long, byte[]>();
        var tree = new MerkleAccumulator();
        foreach (var size in sizes.Where(s => s <= log.Contiguous).Distinct().Order())
        {
            while (tree.Size < size)
            {
                tree.Append(log.Leaves[(int)tree.Size].Hash);
            }

            roots[size] = tree.Root();
        }

        return roots;
    }
}
