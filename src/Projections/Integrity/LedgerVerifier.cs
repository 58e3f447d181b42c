using FairDraw.Ledger.Integrity;
using Npgsql;

namespace FairDraw.Projections.Integrity;

/// <summary>
/// Verifies the ledger from the database and public material only: the log's verifier key and, optionally, trusted
/// checkpoints kept elsewhere (a saved note, a witness's state). It checks every stored checkpoint's signature and root
/// against the stored leaves, proves the log consistent with every trusted checkpoint (rollback, rewrite, deleted
/// checkpoint), every logged event against its leaf (modified, moved, reordered, swapped, deleted), every event not yet
/// logged against its stream's chain (unchained, inserted, deleted), and tails deleted from streams; one finding per
/// cause (docs/ledger-integrity.md, "Verifying the ledger"). Reads the event table once in sequence order.
/// </summary>
public sealed partial class LedgerVerifier(NpgsqlDataSource dataSource, string schema, string verifierKey)
{
    private sealed record Leaf(long Index, long Sequence, string StreamKey, long Version, byte[] Hash)
    {
        public bool Matched { get; set; }
    }

    /// <summary>A logged event whose row no longer rebuilds its leaf, with the leaf the row rebuilds now (null if none).</summary>
    private sealed record Mismatch(Leaf Leaf, StoredEvent Stored, byte[]? RowLeaf);

    /// <summary>The ledger without trusted checkpoints: what the database alone proves.</summary>
    public Task<LedgerReport> VerifyAsync(IProgress<long>? progress, CancellationToken cancellation) =>
        VerifyAsync([], progress, cancellation);

    /// <summary>The ledger against <paramref name="trusted"/>, checkpoints the caller has verified under this log's key.</summary>
    public async Task<LedgerReport> VerifyAsync(IReadOnlyList<Checkpoint> trusted, IProgress<long>? progress, CancellationToken cancellation)
    {
        var findings = new List<LedgerFinding>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellation);

        var log = await ReadLogAsync(connection, cancellation);
        var checkpoints = await CheckCheckpointsAsync(connection, log, trusted, findings, cancellation);
        var coveredUpTo = log.Leaves.Where(l => l.Index < checkpoints.SignedSize).Select(l => l.Sequence).DefaultIfEmpty(0).Max();
        var bySequence = log.Leaves.ToDictionary(l => l.Sequence);

        var streams = new Dictionary<string, (long Version, byte[] Chain)>(StringComparer.Ordinal);
        var mismatches = new List<Mismatch>();
        var unloggedBelowSignedLog = new List<(StoredEvent Stored, byte[]? Leaf)>();
        var (events, notLogged, covered) = (0L, 0L, 0L);
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
                    if (sealedEvent is not null && sealedEvent.Leaf.AsSpan().SequenceEqual(leaf.Hash) && stored.StreamKey == leaf.StreamKey && stored.Version == leaf.Version)
                    {
                        covered += leaf.Index < checkpoints.SignedSize ? 1 : 0;
                    }
                    else
                    {
                        mismatches.Add(new Mismatch(leaf, stored, sealedEvent?.Leaf));
                    }
                }
                else if (stored.Sequence < coveredUpTo)
                {
                    notLogged++;
                    unloggedBelowSignedLog.Add((stored, sealedEvent?.Leaf));
                }
                else
                {
                    notLogged++;
                    CheckUnlogged(stored, sealedEvent, problem, streams, findings);
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

        ReportAlteredLeaves(log, checkpoints, mismatches, findings);
        ReportMismatches(mismatches, findings);
        ReportGaps(log, checkpoints, unloggedBelowSignedLog, findings);
        var deleted = findings.Where(f => f.Kind == FindingKind.Deleted).Select(f => (f.StreamKey, f.Version)).ToHashSet();
        foreach (var leaf in log.Leaves.Where(l => !l.Matched && !deleted.Contains((l.StreamKey, l.Version))))
        {
            findings.Add(new LedgerFinding(FindingKind.Deleted, leaf.StreamKey, leaf.Version, leaf.Sequence, $"logged at leaf {leaf.Index}, the event row is gone"));
        }

        await CheckStreamTailsAsync(connection, streams, findings, cancellation);
        progress?.Report(events);
        var notCovered = events - covered;
        return new LedgerReport(
            events, streams.Count, log.Leaves.Count, checkpoints.Stored, checkpoints.SignedSize, notLogged, findings,
            checkpoints.Trusted, notCovered, NotChecked(trusted.Count, notCovered));
    }

    /// <summary>What the material given could not prove, in the reports' words (zh-CN first).</summary>
    private static List<string> NotChecked(int trusted, long notCovered)
    {
        var notChecked = new List<string>();
        if (trusted == 0)
        {
            notChecked.Add("未提供可信检查点：未核查已存检查点之前的回滚与改写 / no trusted checkpoint was given: rollbacks and rewrites behind the stored checkpoints were not checked");
        }

        if (notCovered > 0)
        {
            notChecked.Add($"{notCovered:N0} 个事件不在任何签名检查点内，仅核对了哈希链 / {notCovered:N0} events are covered by no signed checkpoint: only their chains were checked");
        }

        return notChecked;
    }

    /// <summary>
    /// An event without a leaf above the signed log must carry valid chain headers, match its chain hash and link to its
    /// stream's previous event; a stream that skips versions lost them (one finding for the versions skipped).
    /// </summary>
    private static void CheckUnlogged(
        StoredEvent stored, StoredEvent.Sealed? sealedEvent, string? problem, Dictionary<string, (long Version, byte[] Chain)> streams, List<LedgerFinding> findings)
    {
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
        if (stored.Version > previous.Version + 1)
        {
            var (first, count) = (previous.Version + 1, stored.Version - previous.Version - 1);
            findings.Add(new LedgerFinding(FindingKind.Deleted, stored.StreamKey, first, null, count == 1
                ? $"version {first} is gone: version {stored.Version} follows version {previous.Version}"
                : $"versions {first} to {stored.Version - 1} ({count:N0} events) are gone: version {stored.Version} follows version {previous.Version}"));
        }
        else if (stored.Version != previous.Version + 1 || !sealedEvent.StoredPrevious.AsSpan().SequenceEqual(previous.Chain))
        {
            findings.Add(new LedgerFinding(FindingKind.Inserted, stored.StreamKey, stored.Version, stored.Sequence, $"does not link to version {previous.Version} of its stream"));
        }
    }

    /// <summary>A stream whose recorded version is beyond its last event lost its tail: one finding for the versions gone.</summary>
    private async Task CheckStreamTailsAsync(NpgsqlConnection connection, Dictionary<string, (long Version, byte[] Chain)> streams, List<LedgerFinding> findings, CancellationToken cancellation)
    {
        var explained = findings.Select(f => (f.StreamKey, f.Version)).ToHashSet();
        await using var command = new NpgsqlCommand($"select id, version from {schema}.mt_streams", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var (key, version) = (reader.GetString(0), reader.GetInt64(1));
            var last = streams.TryGetValue(key, out var seen) ? seen.Version : 0;
            var gone = Enumerable.Range(1, (int)Math.Max(0, version - last)).Select(i => last + i).Where(v => !explained.Contains((key, v))).ToList();
            if (gone.Count > 0)
            {
                findings.Add(new LedgerFinding(FindingKind.Deleted, key, gone[0], null, gone.Count == 1
                    ? $"the stream records version {version} but its events end at {last} (not yet in a checkpoint)"
                    : $"the stream records version {version} but its events end at {last}: {gone.Count:N0} events gone (not yet in a checkpoint)"));
            }
        }
    }
}
