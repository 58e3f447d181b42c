using FairDraw.Ledger;
using FairDraw.Ledger.Duty;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;
using Npgsql;

namespace FairDraw.Projections.Duty;

/// <summary>
/// Builds duty reports and bundles from the ledger (docs/duty-report.md): reads the scope's streams below the position
/// from the signed log, takes their canonical bytes and inclusion proofs from the receipts, picks the bound checkpoints
/// the deadlines rest on, and runs <see cref="DutyEngine"/> on the very bytes it ships, under the configured witnesses.
/// </summary>
public sealed class DutyBundles(
    NpgsqlDataSource dataSource, string schema, LedgerProofs proofs, LedgerCosignatures cosignatures, string verifierKey, WitnessPolicy? witnesses)
{
    /// <summary>The bundle of <paramref name="scope"/> as of log size <paramref name="asOf"/> (default: the newest witnessed, else signed, checkpoint's).</summary>
    public async Task<DutyBundle> BuildAsync(DutyScope scope, long? asOf, CancellationToken cancellation)
    {
        var newest = (witnesses is null ? null : await cosignatures.NewestWitnessedAsync(witnesses, cancellation))
            ?? await cosignatures.NewestAsync(cancellation)
            ?? throw DomainException.Conflict("asOf", "账本尚无签名检查点 / the ledger has no signed checkpoint yet");
        var position = asOf ?? newest.Size;
        if (position < 1 || position > newest.Size)
        {
            throw DomainException.Invalid("asOf", $"asOf 应在1到{newest.Size}之间（最新{(witnesses is null ? "签名" : "见证")}检查点的大小） / asOf must be between 1 and {newest.Size}, the newest {(witnesses is null ? "signed" : "witnessed")} checkpoint's size");
        }

        var sequences = await ScopeSequencesAsync(scope, position, cancellation);
        var receipts = await proofs.ReceiptsAsync(sequences, cancellation);
        if (receipts.Any(receipt => receipt is null) || receipts.Select(receipt => receipt!.SignedCheckpoint).Distinct().Count() > 1)
        {
            throw DomainException.Conflict("asOf", "检查点在读取期间变化，请重试 / the checkpoints moved while the bundle was read; retry");
        }

        var final = receipts.Count == 0 ? newest.Note : receipts[0]!.SignedCheckpoint;
        var finalSize = CheckpointVerifier.Verify(final, verifierKey).TreeSize;
        var canonical = receipts.Select(receipt => DutyCanonical.Parse(receipt!.Sequence, receipt.LeafIndex, receipt.Canonical)).ToList();
        var events = canonical.Select(e => e.Decode(DutyEventTypes.Decode)).ToList();
        var bounds = await BoundsAsync(scope, position, finalSize, events, cancellation);
        var report = DutyEngine.Build(scope, position, events, WitnessedTimes.From(bounds.Select(b => (b.Size, b.Note)), witnesses), witnesses, verifierKey);
        var bundleEvents = receipts.Select(receipt => new DutyBundleEvent(receipt!.Sequence, receipt.LeafIndex, receipt.Canonical, receipt.InclusionProof))
            .OrderBy(e => e.LeafIndex).ToList();
        var bundleBounds = new List<DutyBundleBound>();
        foreach (var bound in bounds.OrderBy(b => b.Size))
        {
            var proof = bound.Size == finalSize ? [] : await proofs.ConsistencyFromCheckpointAsync(bound.Size, finalSize, cancellation);
            bundleBounds.Add(new DutyBundleBound(bound.Note, [.. proof.Select(Convert.ToHexStringLower)]));
        }

        return new DutyBundle(DutyBundle.FormatName, report, final, bundleEvents, bundleBounds);
    }

    /// <summary>
    /// The checkpoints the deadlines rest on: for each event a rule consulted, the cosigned checkpoint giving its upper
    /// bound and the one giving its lower bound, and the one giving the as-of time. The report is computed first over every
    /// cosigned checkpoint up to the final one; keeping only those that decide a bound leaves every bound as it was.
    /// </summary>
    private async Task<List<CosignedCheckpoint>> BoundsAsync(
        DutyScope scope, long position, long finalSize, List<DutyEvent> events, CancellationToken cancellation)
    {
        if (witnesses is null)
        {
            return [];
        }

        var timed = (await cosignatures.CosignedUpToAsync(finalSize, cancellation))
            .Select(c => (Checkpoint: c, Time: WitnessedTimes.QuorumTime(c.Note, witnesses)))
            .Where(c => c.Time is not null)
            .ToList();
        var all = DutyEngine.Build(scope, position, events, WitnessedTimes.From(timed.Select(c => (c.Checkpoint.Size, c.Checkpoint.Note)), witnesses), witnesses, verifierKey);
        var leaves = all.Bounds.Select(bound => bound.LeafIndex).Append(position - 1).Distinct();
        var chosen = new Dictionary<long, CosignedCheckpoint>();
        foreach (var leaf in leaves)
        {
            var upper = timed.Where(c => c.Checkpoint.Size > leaf).OrderBy(c => c.Time).FirstOrDefault();
            var lower = timed.Where(c => c.Checkpoint.Size <= leaf).OrderByDescending(c => c.Time).FirstOrDefault();
            foreach (var c in new[] { upper, lower }.Where(c => c.Checkpoint is not null))
            {
                chosen[c.Checkpoint.Size] = c.Checkpoint;
            }
        }

        // The as-of time is the lower bound of position P itself: the latest checkpoint of size at most P.
        if (timed.Where(c => c.Checkpoint.Size <= position).OrderByDescending(c => c.Time).FirstOrDefault() is { Checkpoint: { } asOfCheckpoint })
        {
            chosen[asOfCheckpoint.Size] = asOfCheckpoint;
        }

        return [.. chosen.Values];
    }

    /// <summary>The ledger sequences of the scope's streams below the position, found stream by stream until the scope stops growing.</summary>
    private async Task<List<long>> ScopeSequencesAsync(DutyScope scope, long position, CancellationToken cancellation)
    {
        var read = new Dictionary<string, List<DutyEvent>>(StringComparer.Ordinal);
        var wanted = new List<string> { scope.Plan.StreamKey };
        while (wanted.Count > 0)
        {
            foreach (var e in await ReadStreamsAsync(wanted, position, cancellation))
            {
                (read.TryGetValue(e.Stream, out var list) ? list : read[e.Stream] = []).Add(e);
            }

            foreach (var key in wanted)
            {
                read.TryAdd(key, []);
            }

            wanted = [.. new DutyLedger(scope, read.Values.SelectMany(list => list)).Streams().Where(key => !read.ContainsKey(key))];
        }

        return [.. read.Values.SelectMany(list => list).OrderBy(e => e.LeafIndex).Select(e => e.Sequence)];
    }

    private async Task<List<DutyEvent>> ReadStreamsAsync(List<string> keys, long position, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"""
            select {StoredEvent.Columns}, l.leaf_index from {schema}.mt_events e join {schema}.ledger_log l on l.seq_id = e.seq_id
            where e.stream_id = any(@keys) and l.leaf_index < @position order by l.leaf_index
            """);
        command.Parameters.AddWithValue("keys", keys.ToArray());
        command.Parameters.AddWithValue("position", position);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var events = new List<DutyEvent>();
        while (await reader.ReadAsync(cancellation))
        {
            var row = StoredEvent.Read(reader);
            var sealedEvent = row.Unseal(out var problem)
                ?? throw DomainException.Conflict("asOf", $"事件{row.Sequence}无法重建规范字节 / event {row.Sequence} cannot be rebuilt into canonical bytes: {problem}");
            events.Add(DutyCanonical.Parse(row.Sequence, reader.GetInt64(6), System.Text.Encoding.UTF8.GetString(sealedEvent.Canonical)).Decode(DutyEventTypes.Decode));
        }

        return events;
    }
}
