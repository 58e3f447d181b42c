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
        var final = (witnesses is null ? null : await cosignatures.NewestWitnessedAsync(witnesses, cancellation))
            ?? await cosignatures.NewestAsync(cancellation)
            ?? throw DomainException.Conflict("asOf", "账本尚无签名检查点 / the ledger has no signed checkpoint yet");
        var position = asOf ?? final.Size;
        if (position < 1 || position > final.Size)
        {
            throw DomainException.Invalid("asOf", $"asOf 应在1到{final.Size}之间（最新{(witnesses is null ? "签名" : "见证")}检查点的大小） / asOf must be between 1 and {final.Size}, the newest {(witnesses is null ? "signed" : "witnessed")} checkpoint's size");
        }

        // Every event read lies below the position, so the final checkpoint covers them all and never moves: the log
        // only grows, and the proof is of the tree of its size.
        var (read, ledger) = await ScopeAsync(scope, position, cancellation);
        var proof = await proofs.MultiInclusionAsync([.. read.Select(r => r.Event.LeafIndex)], final.Size, cancellation);
        var (report, bounds) = await ReportAsync(ledger, position, final.Size, cancellation);
        var ordered = bounds.OrderBy(b => b.Size).ToList();
        var consistency = await proofs.ConsistencyProofsAsync([.. ordered.Select(b => b.Size)], final.Size, cancellation);
        var bundleBounds = ordered.Zip(consistency, (bound, proof) => new DutyBundleBound(bound.Note, [.. proof.Select(Convert.ToHexStringLower)])).ToList();

        return new DutyBundle(
            DutyBundle.FormatName, report, final.Note, [.. read.Select(r => new DutyBundleEvent(r.Event.Sequence, r.Event.LeafIndex, r.Canonical))],
            proof, bundleBounds);
    }

    /// <summary>
    /// The report, computed under every cosigned checkpoint up to the final one, and the checkpoints its bounds rest on:
    /// for each event a rule timed, one giving its upper and one giving its lower bound, and the one giving the as-of
    /// time. A verifier given only those finds every bound, so the same report, as the engine reads nothing else of them.
    /// </summary>
    private async Task<(DutyReport Report, List<CosignedCheckpoint> Bounds)> ReportAsync(
        DutyLedger ledger, long position, long finalSize, CancellationToken cancellation)
    {
        if (witnesses is null)
        {
            return (DutyEngine.Build(ledger, position, WitnessedTimes.None, null, verifierKey), []);
        }

        var cosigned = await cosignatures.CosignedUpToAsync(finalSize, cancellation);
        var times = WitnessedTimes.From(cosigned.Select(c => (c.Size, c.Note)), witnesses);
        var report = DutyEngine.Build(ledger, position, times, witnesses, verifierKey);
        var sizes = report.Bounds.SelectMany(bound => new[] { times.UpperCheckpoint(bound.LeafIndex), times.LowerCheckpoint(bound.LeafIndex) })
            .Append(times.LowerCheckpoint(position))
            .OfType<long>()
            .ToHashSet();
        return (report, [.. cosigned.Where(c => sizes.Contains(c.Size))]);
    }

    /// <summary>
    /// The scope's events below the position with their canonical text, in leaf order, read stream by stream until the
    /// scope stops growing (the plan names its tasks, their samples the results, approved results the follow-ups), and
    /// the ledger folded from them, which the engine judges.
    /// </summary>
    private async Task<(List<(DutyEvent Event, byte[] Canonical)> Events, DutyLedger Ledger)> ScopeAsync(
        DutyScope scope, long position, CancellationToken cancellation)
    {
        var read = new Dictionary<string, List<(DutyEvent Event, byte[] Canonical)>>(StringComparer.Ordinal);
        var wanted = new List<string> { scope.Plan.StreamKey };
        while (true)
        {
            foreach (var e in await ReadStreamsAsync(wanted, position, cancellation))
            {
                (read.TryGetValue(e.Event.Stream, out var list) ? list : read[e.Event.Stream] = []).Add(e);
            }

            foreach (var key in wanted)
            {
                read.TryAdd(key, []);
            }

            var ledger = new DutyLedger(scope, read.Values.SelectMany(list => list.Select(e => e.Event)));
            wanted = [.. ledger.Streams().Where(key => !read.ContainsKey(key))];
            if (wanted.Count == 0)
            {
                return ([.. read.Values.SelectMany(list => list).OrderBy(e => e.Event.LeafIndex)], ledger);
            }
        }
    }

    private async Task<List<(DutyEvent Event, byte[] Canonical)>> ReadStreamsAsync(List<string> keys, long position, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"""
            select {StoredEvent.Columns}, l.leaf_index from {schema}.mt_events e join {schema}.ledger_log l on l.seq_id = e.seq_id
            where e.stream_id = any(@keys) and l.leaf_index < @position order by l.leaf_index
            """);
        command.Parameters.AddWithValue("keys", keys.ToArray());
        command.Parameters.AddWithValue("position", position);
        var rows = new List<(StoredEvent Row, long LeafIndex)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                rows.Add((StoredEvent.Read(reader), reader.GetInt64(6)));
            }
        }

        // Canonical bytes rebuilt and payloads decoded on every core, in order: a city's year is tens of thousands of events.
        var events = rows.AsParallel().AsOrdered().Select(stored =>
        {
            var sealedEvent = stored.Row.Unseal(out var problem);
            return sealedEvent is null
                ? (Event: null, Canonical: Array.Empty<byte>(), Problem: problem, stored.Row.Sequence)
                : (Event: DutyCanonical.Parse(stored.Row.Sequence, stored.LeafIndex, sealedEvent.Canonical).Decode(DutyEventTypes.Decode),
                   Canonical: sealedEvent.Canonical, Problem: (string?)null, stored.Row.Sequence);
        }).ToList();
        return events.FirstOrDefault(e => e.Event is null) is { Event: null, Problem: { } failure, Sequence: var sequence }
            ? throw DomainException.Conflict("asOf", $"事件{sequence}无法重建规范字节 / event {sequence} cannot be rebuilt into canonical bytes: {failure}")
            : [.. events.Select(e => (e.Event!, e.Canonical))];
    }
}
