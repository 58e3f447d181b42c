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
    private bool? _keysInByteOrder;

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
        // The witnessed times do not depend on the scope (an Ed25519 check per cosignature): taken while it is read.
        var witnessed = WitnessedAsync(final.Size, cancellation);
        var (read, ledger) = await ScopeAsync(scope, position, cancellation);
        var proof = proofs.MultiInclusionAsync([.. read.Select(r => r.Event.LeafIndex)], final.Size, cancellation);
        var (report, bounds) = Report(ledger, position, await witnessed);
        var ordered = bounds.OrderBy(b => b.Size).ToList();
        var consistency = await proofs.ConsistencyProofsAsync([.. ordered.Select(b => b.Size)], final.Size, cancellation);
        var bundleBounds = ordered.Zip(consistency, (bound, proof) => new DutyBundleBound(bound.Note, [.. proof.Select(Convert.ToHexStringLower)])).ToList();

        return new DutyBundle(
            DutyBundle.FormatName, report, final.Note, [.. read.Select(r => new DutyBundleEvent(r.Event.Sequence, r.Event.LeafIndex, r.Canonical))],
            await proof, bundleBounds);
    }

    /// <summary>Every cosigned checkpoint up to the final one with the witnessed times they give; none without witnesses.</summary>
    private async Task<(List<CosignedCheckpoint> Cosigned, WitnessedTimes Times)> WitnessedAsync(long finalSize, CancellationToken cancellation)
    {
        if (witnesses is null)
        {
            return ([], WitnessedTimes.None);
        }

        var cosigned = await cosignatures.CosignedUpToAsync(finalSize, cancellation);
        return (cosigned, WitnessedTimes.From(cosigned.Select(c => (c.Size, c.Note)), witnesses));
    }

    /// <summary>
    /// The report, computed under every cosigned checkpoint up to the final one, and the checkpoints its bounds rest on:
    /// for each event a rule timed, one giving its upper and one giving its lower bound, and the one giving the as-of
    /// time. A verifier given only those finds every bound, so the same report, as the engine reads nothing else of them.
    /// </summary>
    private (DutyReport Report, List<CosignedCheckpoint> Bounds) Report(
        DutyLedger ledger, long position, (List<CosignedCheckpoint> Cosigned, WitnessedTimes Times) witnessed)
    {
        var (cosigned, times) = witnessed;
        var report = DutyEngine.Build(ledger, position, times, witnesses, verifierKey);
        var sizes = report.Bounds.SelectMany(bound => new[] { times.UpperCheckpoint(bound.LeafIndex), times.LowerCheckpoint(bound.LeafIndex) })
            .Append(times.LowerCheckpoint(position))
            .OfType<long>()
            .ToHashSet();
        return (report, [.. cosigned.Where(c => sizes.Contains(c.Size))]);
    }

    /// <summary>
    /// The scope's events below the position with their canonical bytes, in leaf order, and the ledger folded from them,
    /// which the engine judges. The plan names its item lists; everything else a plan's scope can hold lies under its
    /// own key prefixes (its tasks, their results and follow-ups), so those are read together, not stream by stream,
    /// and the rows are then kept to the streams the fold names (docs/duty-report.md §2). A named stream the prefix
    /// reads did not return is asked for by its key, unless the database orders keys by their bytes (then it has no
    /// event yet: a range by bytes holds every key with its prefix).
    /// </summary>
    private async Task<(List<(DutyEvent Event, byte[] Canonical)> Events, DutyLedger Ledger)> ScopeAsync(
        DutyScope scope, long position, CancellationToken cancellation)
    {
        string[] prefixes = [.. new[] { StreamKeys.TaskPrefix, StreamKeys.ResultPrefix, StreamKeys.FollowUpPrefix }.Select(kind => $"{kind}{scope.PlanId}-")];
        var byteOrder = await KeysInByteOrderAsync(cancellation);
        var plan = await ReadAsync("e.stream_id = any(@keys)", ("keys", new[] { scope.Plan.StreamKey }), position, cancellation);
        var lists = new DutyLedger(scope, plan.Select(e => e.Event)).Streams().Where(key => key.StartsWith(StreamKeys.ItemListPrefix, StringComparison.Ordinal));
        var read = plan.Concat((await Task.WhenAll(
                ReadAsync("e.stream_id = any(@keys)", ("keys", lists.ToArray()), position, cancellation),
                ReadPrefixAsync(prefixes[0], position, cancellation),
                ReadPrefixAsync(prefixes[1], position, cancellation),
                ReadPrefixAsync(prefixes[2], position, cancellation)))
            .SelectMany(events => events)).ToList();
        while (true)
        {
            var ledger = new DutyLedger(scope, read.Select(e => e.Event));
            var named = ledger.Streams().ToHashSet(StringComparer.Ordinal);
            var present = read.Select(e => e.Event.Stream).ToHashSet(StringComparer.Ordinal);
            var unread = named.Where(key => !present.Contains(key) && !(byteOrder && prefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal))));
            var more = await ReadAsync("e.stream_id = any(@keys)", ("keys", unread.ToArray()), position, cancellation);
            if (more.Count == 0)
            {
                return ([.. read.Where(e => named.Contains(e.Event.Stream)).OrderBy(e => e.Event.LeafIndex)], ledger);
            }

            read.AddRange(more);
        }
    }

    /// <summary>
    /// Whether the database compares stream keys by their bytes (the C collations; the embedded server's is C.UTF-8).
    /// Asked once: a database's collation is fixed when it is created.
    /// </summary>
    private async Task<bool> KeysInByteOrderAsync(CancellationToken cancellation)
    {
        if (_keysInByteOrder is { } known)
        {
            return known;
        }

        await using var command = dataSource.CreateCommand("select datcollate from pg_database where datname = current_database()");
        _keysInByteOrder = await command.ExecuteScalarAsync(cancellation) is string collation && collation is "C" or "POSIX" or "C.UTF-8" or "C.utf8";
        return _keysInByteOrder.Value;
    }

    /// <summary>The events of every stream whose key starts with <paramref name="prefix"/>, by one index range scan.</summary>
    private Task<List<(DutyEvent Event, byte[] Canonical)>> ReadPrefixAsync(string prefix, long position, CancellationToken cancellation) =>
        ReadAsync("e.stream_id >= @low and e.stream_id < @high", ("low", prefix), position, cancellation, ("high", prefix[..^1] + (char)(prefix[^1] + 1)));

    private async Task<List<(DutyEvent Event, byte[] Canonical)>> ReadAsync(
        string condition, (string Name, object Value) parameter, long position, CancellationToken cancellation, (string Name, object Value)? second = null)
    {
        if (parameter.Value is string[] { Length: 0 })
        {
            return [];
        }

        await using var command = dataSource.CreateCommand($"""
            select {StoredEvent.Columns}, l.leaf_index from {schema}.mt_events e join {schema}.ledger_log l on l.seq_id = e.seq_id
            where {condition} and l.leaf_index < @position
            """);
        command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        if (second is { } also)
        {
            command.Parameters.AddWithValue(also.Name, also.Value);
        }

        command.Parameters.AddWithValue("position", position);
        var rows = new List<(StoredEvent Row, long LeafIndex)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                rows.Add((StoredEvent.Read(reader), reader.GetInt64(6)));
            }
        }

        // Canonical bytes rebuilt and payloads decoded on every core: a city's year is tens of thousands of events.
        var events = rows.AsParallel().Select(stored =>
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
