using FairDraw.Ledger.Integrity;
using Npgsql;

namespace FairDraw.Projections.Integrity;

/// <summary>
/// Verifies the ledger from the database alone and a verifier key: every checkpoint signature and signed root against
/// the stored leaves (so successive checkpoints are consistent), every logged event against its leaf (modified, moved,
/// reordered, deleted), every event not yet logged against its stream's chain (unchained, inserted), and tails deleted
/// from streams. Reads the event table once in sequence order.
/// </summary>
public sealed class LedgerVerifier(NpgsqlDataSource dataSource, string schema, string verifierKey)
{
    private sealed record Leaf(long Index, long Sequence, string StreamKey, long Version, byte[] Hash)
    {
        public bool Matched { get; set; }
    }

    public async Task<LedgerReport> VerifyAsync(IProgress<long>? progress, CancellationToken cancellation)
    {
        var findings = new List<LedgerFinding>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellation);

        var leaves = await ReadLeavesAsync(connection, findings, cancellation);
        var (checkpoints, signedSize) = await CheckCheckpointsAsync(connection, leaves, findings, cancellation);
        var coveredUpTo = leaves.Take((int)Math.Min(signedSize, leaves.Count)).Select(l => l.Sequence).DefaultIfEmpty(0).Max();
        var bySequence = leaves.ToDictionary(l => l.Sequence);

        var streams = new Dictionary<string, (long Version, byte[] Chain)>(StringComparer.Ordinal);
        var (events, notLogged) = (0L, 0L);
        await using (var command = new NpgsqlCommand($"select {StoredEvent.Columns} from {schema}.mt_events e order by e.seq_id", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                var stored = StoredEvent.Read(reader);
                var logged = bySequence.TryGetValue(stored.Sequence, out var leaf);
                if (!logged && stored.IsGapFiller)
                {
                    continue;
                }

                var sealedEvent = stored.Unseal(out var problem);
                if (logged)
                {
                    leaf!.Matched = true;
                    CheckAgainstLeaf(stored, sealedEvent, leaf, findings);
                }
                else
                {
                    notLogged++;
                    CheckUnlogged(stored, sealedEvent, problem, streams, stored.Sequence < coveredUpTo, findings);
                }

                if (sealedEvent is not null)
                {
                    streams[stored.StreamKey] = (stored.Version, sealedEvent.StoredChain);
                }

                if (++events % 100_000 == 0)
                {
                    progress?.Report(events);
                }
            }
        }

        foreach (var leaf in leaves.Where(l => !l.Matched))
        {
            findings.Add(new LedgerFinding(FindingKind.Deleted, leaf.StreamKey, leaf.Version, leaf.Sequence, $"logged at leaf {leaf.Index}, the event row is gone"));
        }

        await CheckStreamTailsAsync(connection, streams, findings, cancellation);
        progress?.Report(events);
        return new LedgerReport(events, streams.Count, leaves.Count, checkpoints, signedSize, notLogged, findings);
    }

    private static void CheckAgainstLeaf(StoredEvent stored, StoredEvent.Sealed? sealedEvent, Leaf leaf, List<LedgerFinding> findings)
    {
        if (sealedEvent is not null && sealedEvent.Leaf.AsSpan().SequenceEqual(leaf.Hash) && stored.StreamKey == leaf.StreamKey && stored.Version == leaf.Version)
        {
            return;
        }

        var (kind, detail) = stored.StreamKey != leaf.StreamKey
            ? (FindingKind.Moved, $"logged in {leaf.StreamKey} as version {leaf.Version}, now in {stored.StreamKey} as version {stored.Version}")
            : stored.Version != leaf.Version
                ? (FindingKind.Reordered, $"logged as version {leaf.Version}, now stands as version {stored.Version}")
                : (FindingKind.Modified, "payload or metadata differ from what was logged at leaf " + leaf.Index);
        findings.Add(new LedgerFinding(kind, leaf.StreamKey, leaf.Version, stored.Sequence, detail));
    }

    private static void CheckUnlogged(
        StoredEvent stored, StoredEvent.Sealed? sealedEvent, string? problem, Dictionary<string, (long Version, byte[] Chain)> streams, bool belowSignedLog, List<LedgerFinding> findings)
    {
        if (belowSignedLog)
        {
            findings.Add(new LedgerFinding(FindingKind.Inserted, stored.StreamKey, stored.Version, stored.Sequence, "older than the signed log but not in it"));
            return;
        }

        if (sealedEvent is null)
        {
            findings.Add(new LedgerFinding(FindingKind.Inserted, stored.StreamKey, stored.Version, stored.Sequence, "not chained: " + problem));
            return;
        }

        if (!sealedEvent.Chain.AsSpan().SequenceEqual(sealedEvent.StoredChain))
        {
            findings.Add(new LedgerFinding(FindingKind.Modified, stored.StreamKey, stored.Version, stored.Sequence, "content does not match its chain hash"));
            return;
        }

        var previous = streams.TryGetValue(stored.StreamKey, out var last) ? last : (Version: 0L, Chain: LedgerRecord.Genesis.ToArray());
        if (stored.Version != previous.Version + 1 || !sealedEvent.StoredPrevious.AsSpan().SequenceEqual(previous.Chain))
        {
            findings.Add(new LedgerFinding(FindingKind.Inserted, stored.StreamKey, stored.Version, stored.Sequence, $"does not link to version {previous.Version} of its stream"));
        }
    }

    private async Task<List<Leaf>> ReadLeavesAsync(NpgsqlConnection connection, List<LedgerFinding> findings, CancellationToken cancellation)
    {
        var leaves = new List<Leaf>();
        await using var command = new NpgsqlCommand($"select leaf_index, seq_id, stream_key, version, leaf_hash from {schema}.ledger_log order by leaf_index", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var leaf = new Leaf(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3), (byte[])reader[4]);
            if (leaf.Index != leaves.Count)
            {
                findings.Add(new LedgerFinding(FindingKind.LogAltered, leaf.StreamKey, leaf.Version, leaf.Sequence, $"leaf index {leaf.Index} where {leaves.Count} was expected: leaves are missing from the log"));
            }

            leaves.Add(leaf);
        }

        return leaves;
    }

    /// <summary>
    /// Checks every checkpoint's signature, its root against the stored leaves and its kept compact range against its root;
    /// returns the count and the largest signed size.
    /// </summary>
    private async Task<(long Count, long SignedSize)> CheckCheckpointsAsync(NpgsqlConnection connection, List<Leaf> leaves, List<LedgerFinding> findings, CancellationToken cancellation)
    {
        var notes = new List<(long Size, byte[] Root, string Note, byte[]? Range)>();
        await using (var command = new NpgsqlCommand(
            $"select tree_size, root_hash, signed_note, compact_range from {schema}.ledger_checkpoints order by tree_size", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                notes.Add((reader.GetInt64(0), (byte[])reader[1], reader.GetString(2), reader.IsDBNull(3) ? null : (byte[])reader[3]));
            }
        }

        var tree = new MerkleAccumulator();
        var signedSize = 0L;
        foreach (var (size, root, note, range) in notes)
        {
            Checkpoint checkpoint;
            try
            {
                checkpoint = CheckpointVerifier.Verify(note, verifierKey);
            }
            catch (CheckpointException error)
            {
                findings.Add(new LedgerFinding(FindingKind.LogAltered, null, null, null, $"checkpoint of size {size}: {error.Message}"));
                continue;
            }

            if (checkpoint.TreeSize != size || !checkpoint.RootHash.AsSpan().SequenceEqual(root))
            {
                findings.Add(new LedgerFinding(FindingKind.LogAltered, null, null, null, $"checkpoint row of size {size} differs from its signed note (size {checkpoint.TreeSize})"));
            }

            var rangeRoot = range is null ? checkpoint.RootHash : MerkleAccumulator.Resume(checkpoint.TreeSize, range)?.Root() ?? [];
            if (!rangeRoot.AsSpan().SequenceEqual(checkpoint.RootHash))
            {
                findings.Add(new LedgerFinding(
                    FindingKind.LogAltered, null, null, null, $"the compact range kept with checkpoint {size} does not produce its signed root"));
            }

            if (checkpoint.TreeSize > leaves.Count)
            {
                findings.Add(new LedgerFinding(FindingKind.LogAltered, null, null, null, $"the signed checkpoint covers {checkpoint.TreeSize} leaves but the log holds {leaves.Count}: logged events were removed from the log"));
                continue;
            }

            while (tree.Size < checkpoint.TreeSize)
            {
                tree.Append(leaves[(int)tree.Size].Hash);
            }

            if (!tree.Root().AsSpan().SequenceEqual(checkpoint.RootHash))
            {
                findings.Add(new LedgerFinding(FindingKind.LogAltered, null, null, null, $"the leaves of the log do not produce the signed root of size {checkpoint.TreeSize}: the log was rewritten"));
            }

            signedSize = Math.Max(signedSize, checkpoint.TreeSize);
        }

        return (notes.Count, signedSize);
    }

    /// <summary>A stream whose recorded version is beyond its last event lost its tail.</summary>
    private async Task CheckStreamTailsAsync(NpgsqlConnection connection, Dictionary<string, (long Version, byte[] Chain)> streams, List<LedgerFinding> findings, CancellationToken cancellation)
    {
        var explained = findings.Select(f => (f.StreamKey, f.Version)).ToHashSet();
        await using var command = new NpgsqlCommand($"select id, version from {schema}.mt_streams", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var (key, version) = (reader.GetString(0), reader.GetInt64(1));
            var last = streams.TryGetValue(key, out var seen) ? seen.Version : 0;
            for (var missing = last + 1; missing <= version; missing++)
            {
                if (!explained.Contains((key, missing)))
                {
                    findings.Add(new LedgerFinding(FindingKind.Deleted, key, missing, null, $"the stream records version {version} but its events end at {last} (not yet in a checkpoint)"));
                }
            }
        }
    }
}
