using FairDraw.Ledger.Integrity;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace FairDraw.Projections.Integrity;

/// <summary>
/// How the log finds late commits: the frontier trails the newest integrated sequence by <see cref="SettleTime"/>, and
/// every <see cref="SweepEvery"/>-th pass sweeps the whole table below it.
/// </summary>
public sealed record LedgerLogOptions(TimeSpan SettleTime, int SweepEvery)
{
    public static readonly LedgerLogOptions Default = new(TimeSpan.FromSeconds(30), 120);
}

/// <summary>What one integration pass did; <paramref name="LeavesRead"/> counts the stored leaves read to load its tree.</summary>
public sealed record Integration(int Integrated, int Late, int Refused, long TreeSize, long LeavesRead);

/// <summary>
/// The global Merkle log: integrates committed events into an RFC 6962 tree with its own gap-free leaf index and signs
/// checkpoints of it. One writer at a time (a PostgreSQL advisory lock); any number of processes may try.
/// <para>
/// Events are read by sequence above a frontier: the highest sequence integrated more than <see cref="LedgerLogOptions.SettleTime"/>
/// ago, so a transaction that committed a lower sequence after a higher one was integrated is still found. Sequence
/// gaps (rolled-back transactions) are simply never seen. An event that commits later still (below the frontier) is
/// found by a periodic sweep over the whole table, appended at the end of the log marked late, and reported.
/// Rows that cannot be rebuilt into canonical bytes (unchained or malformed), or whose content does not match their
/// chain hash, are refused: recorded once in <c>ledger_refused</c> with the reason, never integrated, and reported by
/// <c>verify ledger</c>.
/// </para>
/// <para>
/// It never signs a fork: each tree it loads must extend the checkpoint kept in <paramref name="kept"/> (<see cref="KeptTree"/>),
/// and the file is rewritten before each new checkpoint row. When a tree does not, it refuses, neither integrating nor
/// signing, until the kept file changes (an operator's act) or the process restarts; <see cref="Refusal"/> says why.
/// </para>
/// </summary>
public sealed class LedgerLog(
    NpgsqlDataSource dataSource, string schema, CheckpointSigner signer, KeptCheckpointFile kept, LedgerLogOptions options, ILogger logger)
{
    private const int BatchSize = 10_000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private MerkleAccumulator? _tree; // null until loaded and checked against the kept checkpoint
    private KeptState _kept = new(null, null, 0);
    private volatile Refused? _refused;
    private int _passes;

    public string Origin => signer.KeyName;

    /// <summary>Why the log refuses to integrate and sign, or null while it works.</summary>
    public string? Refusal => _refused?.Reason;

    /// <summary>Integrates every committed event not yet in the log; returns what it did (nothing when another process leads).</summary>
    public async Task<Integration> IntegrateAsync(CancellationToken cancellation)
    {
        await _gate.WaitAsync(cancellation);
        try
        {
            ThrowIfRefused();
            await using var connection = await dataSource.OpenConnectionAsync(cancellation);
            await using var transaction = await connection.BeginTransactionAsync(cancellation);
            if (!await TryLeadAsync(connection, cancellation))
            {
                return new Integration(0, 0, 0, _tree?.Size ?? 0, 0);
            }

            var leavesRead = await SyncTreeAsync(connection, cancellation);
            var frontier = await FrontierAsync(connection, cancellation);
            var late = _passes++ % options.SweepEvery == 0 ? await IntegrateAboveAsync(connection, 0, frontier, markLate: true, cancellation) : default;
            var current = await IntegrateAboveAsync(connection, frontier, long.MaxValue, markLate: false, cancellation);
            var (integrated, refused) = (current.Added, current.Refused + late.Refused);

            await transaction.CommitAsync(cancellation);
            if (late.Added > 0)
            {
                logger.LogWarning("Ledger: {Late} late event(s) committed below the frontier were appended at the end of the log", late.Added);
            }

            return new Integration(integrated, late.Added, refused, Tree.Size, leavesRead);
        }
        catch
        {
            _tree = null; // reloaded from the table on the next pass
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Signs a checkpoint of the current tree when it has grown since the last one; returns the newest signed note. The
    /// kept file is written first, so it is never behind the database.
    /// </summary>
    public async Task<string?> CheckpointAsync(CancellationToken cancellation)
    {
        await _gate.WaitAsync(cancellation);
        try
        {
            ThrowIfRefused();
            await using var connection = await dataSource.OpenConnectionAsync(cancellation);
            await using var transaction = await connection.BeginTransactionAsync(cancellation);
            if (!await TryLeadAsync(connection, cancellation))
            {
                return null;
            }

            if (!Same(kept.Read(), _kept.File))
            {
                _tree = null; // the file changed under this process (another leader, or replaced): check against it again
            }

            await SyncTreeAsync(connection, cancellation);
            await using (var last = new NpgsqlCommand($"select tree_size, signed_note from {schema}.ledger_checkpoints order by tree_size desc limit 1", connection, transaction))
            await using (var reader = await last.ExecuteReaderAsync(cancellation))
            {
                if (await reader.ReadAsync(cancellation))
                {
                    var (size, note) = (reader.GetInt64(0), reader.GetString(1));
                    if (size > _kept.TreeSize || (size == _kept.TreeSize && note != _kept.Note))
                    {
                        throw Refuse(
                            $"{KeptTree.RefusalPrefix}数据库中的检查点 {size} 不是保留的检查点 {_kept.TreeSize} / the database's checkpoint "
                            + $"{size} is not the kept checkpoint {_kept.TreeSize}: the kept file was rolled back, a row inserted, or the key changed",
                            _kept.File);
                    }

                    if (size == Tree.Size)
                    {
                        return note;
                    }
                }
            }

            if (Tree.Size == 0)
            {
                return null;
            }

            var signed = signer.Sign(new Checkpoint(signer.KeyName, Tree.Size, Tree.Root()));
            var range = Tree.CompactRange();
            _kept = new KeptState(kept.Write(new KeptCheckpoint(signed, range)), signed, Tree.Size);
            await using (var insert = new NpgsqlCommand(
                $"""
                insert into {schema}.ledger_checkpoints (tree_size, root_hash, signed_note, compact_range)
                values (@size, @root, @note, @range)
                """,
                connection, transaction))
            {
                insert.Parameters.AddWithValue("size", Tree.Size);
                insert.Parameters.AddWithValue("root", Tree.Root());
                insert.Parameters.AddWithValue("note", signed);
                insert.Parameters.AddWithValue("range", range);
                await insert.ExecuteNonQueryAsync(cancellation);
            }

            await transaction.CommitAsync(cancellation);
            return signed;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static bool Same(byte[]? file, byte[]? other) => file is null ? other is null : other is not null && file.AsSpan().SequenceEqual(other);

    private MerkleAccumulator Tree => _tree ?? throw new InvalidOperationException("the log's tree is not loaded");

    private async Task<bool> TryLeadAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand("select pg_try_advisory_xact_lock(hashtext(@key))", connection);
        command.Parameters.AddWithValue("key", schema + ".ledger_log");
        return (bool)(await command.ExecuteScalarAsync(cancellation))!;
    }

    /// <summary>
    /// Loads the tree when it is not loaded or does not match the table (start, another leader, a reset) and checks it
    /// against the kept checkpoint, taking the database's newest one when no file is kept yet; returns the number of
    /// leaves read to load it.
    /// </summary>
    private async Task<long> SyncTreeAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        await using var count = new NpgsqlCommand($"select coalesce(max(leaf_index) + 1, 0) from {schema}.ledger_log", connection);
        var size = (long)(await count.ExecuteScalarAsync(cancellation))!;
        if (_tree is not null && size == _tree.Size)
        {
            return 0;
        }

        var file = kept.Read();
        KeptTree loaded;
        try
        {
            loaded = await KeptTree.LoadAsync(connection, schema, signer.PublicKeyText(), file, size, cancellation);
        }
        catch (SignerRefusedException refusal)
        {
            throw Refuse(refusal.Message, file);
        }

        if (loaded.Bootstrapped)
        {
            file = kept.Write(loaded.Kept!);
            logger.LogWarning(
                "Ledger: no kept checkpoint was found at {Path}; the database's newest checkpoint this key verifies ({Size}) is kept from now on",
                kept.Path, loaded.KeptSize);
        }

        (_tree, _kept) = (loaded.Tree, new KeptState(file, loaded.Kept?.SignedNote, loaded.KeptSize));
        return loaded.LeavesRead;
    }

    /// <summary>Stops the log: remembers why and the kept file it judged, logs it once, and returns the exception to throw.</summary>
    private SignerRefusedException Refuse(string reason, byte[]? file)
    {
        (_tree, _refused) = (null, new Refused(reason, file));
        logger.LogError("Ledger: {Reason}. Nothing is integrated or signed until an operator acts (docs/ledger-integrity.md)", reason);
        return new SignerRefusedException(reason);
    }

    /// <summary>Keeps refusing while the kept file is the one the refusal judged; an operator's change to it ends the refusal.</summary>
    private void ThrowIfRefused()
    {
        if (_refused is not { } refused)
        {
            return;
        }

        if (Same(kept.Read(), refused.File))
        {
            throw new SignerRefusedException(refused.Reason);
        }

        logger.LogWarning("Ledger: the kept checkpoint {Path} changed since the log refused; checking the log against it again", kept.Path);
        (_refused, _tree) = (null, null);
    }

    private async Task<long> FrontierAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"select coalesce(max(seq_id), 0) from {schema}.ledger_log where leaf_index >= @from and integrated_at < now() - @settle", connection);
        command.Parameters.AddWithValue("from", Math.Max(0, Tree.Size - BatchSize * 10));
        command.Parameters.AddWithValue("settle", options.SettleTime);
        var frontier = (long)(await command.ExecuteScalarAsync(cancellation))!;
        if (frontier == 0 && Tree.Size > BatchSize * 10)
        {
            // Everything recent is younger than the settle time: fall back to the older part of the log.
            await using var older = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {schema}.ledger_log where integrated_at < now() - @settle", connection);
            older.Parameters.AddWithValue("settle", options.SettleTime);
            frontier = (long)(await older.ExecuteScalarAsync(cancellation))!;
        }

        return frontier;
    }

    /// <summary>
    /// Integrates, in sequence order, every not-yet-integrated event with <paramref name="after"/> &lt; sequence ≤
    /// <paramref name="upTo"/>, batch by batch.
    /// </summary>
    private async Task<(int Added, int Refused)> IntegrateAboveAsync(NpgsqlConnection connection, long after, long upTo, bool markLate, CancellationToken cancellation)
    {
        var (added, refused) = (0, 0);
        while (true)
        {
            var pending = await PendingAsync(connection, after, upTo, cancellation);
            var batch = await AppendAsync(connection, pending, markLate, cancellation);
            (added, refused) = (added + batch.Added, refused + batch.Refused);
            if (pending.Count < BatchSize)
            {
                return (added, refused);
            }

            after = pending[^1].Sequence;
        }
    }

    private async Task<List<StoredEvent>> PendingAsync(NpgsqlConnection connection, long after, long upTo, CancellationToken cancellation)
    {
        var pending = new List<StoredEvent>();
        await using var query = new NpgsqlCommand($"""
            select {StoredEvent.Columns} from {schema}.mt_events e
            where e.seq_id > @after and e.seq_id <= @upTo
              and not exists (select 1 from {schema}.ledger_log l where l.seq_id = e.seq_id)
              and not exists (select 1 from {schema}.ledger_refused r where r.seq_id = e.seq_id)
              and not {StoredEvent.GapFillerCondition}
            order by e.seq_id limit {BatchSize}
            """, connection);
        query.Parameters.AddWithValue("after", after);
        query.Parameters.AddWithValue("upTo", upTo);
        await using var reader = await query.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            pending.Add(StoredEvent.Read(reader));
        }

        return pending;
    }

    /// <summary>
    /// Appends the leaves of <paramref name="pending"/> and the subtrees they complete; rows that cannot be sealed are
    /// refused and reported.
    /// </summary>
    private async Task<(int Added, int Refused)> AppendAsync(NpgsqlConnection connection, List<StoredEvent> pending, bool markLate, CancellationToken cancellation)
    {
        var refused = new List<(long Sequence, string Reason)>();
        var completed = new List<(MerkleNode Node, byte[] Hash)>();
        await using (var writer = await connection.BeginBinaryImportAsync(
            $"copy {schema}.ledger_log (leaf_index, seq_id, stream_key, version, leaf_hash, late) from stdin (format binary)", cancellation))
        {
            foreach (var stored in pending)
            {
                var sealedEvent = stored.Unseal(out var problem);
                if (sealedEvent is null || !sealedEvent.Chain.AsSpan().SequenceEqual(sealedEvent.StoredChain))
                {
                    refused.Add((stored.Sequence, problem ?? "its chain hash does not match its content"));
                    logger.LogWarning("Ledger: event {Sequence} ({Stream} v{Version}) refused: {Problem}", stored.Sequence, stored.StreamKey, stored.Version, refused[^1].Reason);
                    continue;
                }

                var leaf = sealedEvent.Leaf;
                await writer.StartRowAsync(cancellation);
                await writer.WriteAsync(Tree.Size, NpgsqlDbType.Bigint, cancellation);
                await writer.WriteAsync(stored.Sequence, NpgsqlDbType.Bigint, cancellation);
                await writer.WriteAsync(stored.StreamKey, NpgsqlDbType.Text, cancellation);
                await writer.WriteAsync(stored.Version, NpgsqlDbType.Bigint, cancellation);
                await writer.WriteAsync(leaf, NpgsqlDbType.Bytea, cancellation);
                await writer.WriteAsync(markLate, NpgsqlDbType.Boolean, cancellation);
                Tree.Append(leaf, completed);
            }

            await writer.CompleteAsync(cancellation);
        }

        await LedgerNodes.WriteAsync(connection, schema, completed, cancellation);

        foreach (var (sequence, reason) in refused)
        {
            await using var record = new NpgsqlCommand($"insert into {schema}.ledger_refused (seq_id, reason) values (@sequence, @reason)", connection);
            record.Parameters.AddWithValue("sequence", sequence);
            record.Parameters.AddWithValue("reason", reason);
            await record.ExecuteNonQueryAsync(cancellation);
        }

        return (pending.Count - refused.Count, refused.Count);
    }

    /// <summary>The kept file as this process last read or wrote it (null: none), its note and its tree size (0: none).</summary>
    private sealed record KeptState(byte[]? File, string? Note, long TreeSize);

    private sealed record Refused(string Reason, byte[]? File);
}
