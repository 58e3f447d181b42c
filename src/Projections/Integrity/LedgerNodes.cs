using FairDraw.Ledger.Integrity;
using Npgsql;

namespace FairDraw.Projections.Integrity;

/// <summary>
/// The log's complete subtrees (RFC 6962 interior nodes) in <c>ledger_nodes</c>, written with the leaves that complete
/// them, so that a proof reads O(log n) hashes instead of every leaf. Level 0 is the leaf hash in <c>ledger_log</c>.
/// Nothing a verifier checks trusts this table: a wrong row only gives a proof that fails against the signed root.
/// </summary>
public static class LedgerNodes
{
    /// <summary>
    /// Stores <paramref name="nodes"/> in the caller's transaction. A node already stored is kept (a log whose tail was
    /// deleted and integrated again completes the same subtrees), so the table stays insert-only.
    /// </summary>
    public static async Task WriteAsync(
        NpgsqlConnection connection, string schema, IReadOnlyList<(MerkleNode Node, byte[] Hash)> nodes, CancellationToken cancellation)
    {
        if (nodes.Count == 0)
        {
            return;
        }

        await using var insert = new NpgsqlCommand($"""
            insert into {schema}.ledger_nodes (level, node_index, hash)
            select * from unnest(@levels, @indexes, @hashes) on conflict do nothing
            """, connection);
        insert.Parameters.AddWithValue("levels", nodes.Select(entry => entry.Node.Level).ToArray());
        insert.Parameters.AddWithValue("indexes", nodes.Select(entry => entry.Node.Index).ToArray());
        insert.Parameters.AddWithValue("hashes", nodes.Select(entry => entry.Hash).ToArray());
        await insert.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>The hashes of <paramref name="nodes"/> in one query; a node not stored is missing from the result.</summary>
    public static async Task<Dictionary<MerkleNode, byte[]>> ReadAsync(
        NpgsqlDataSource dataSource, string schema, IEnumerable<MerkleNode> nodes, CancellationToken cancellation)
    {
        var wanted = nodes.Distinct().ToList();
        var found = new Dictionary<MerkleNode, byte[]>(wanted.Count);
        if (wanted.Count == 0)
        {
            return found;
        }

        var interior = wanted.Where(node => node.Level > 0).ToList();
        await using var command = dataSource.CreateCommand($"""
            select 0, leaf_index, leaf_hash from {schema}.ledger_log where leaf_index = any(@leaves)
            union all
            select n.level, n.node_index, n.hash from {schema}.ledger_nodes n
            join unnest(@levels, @indexes) as w (level, node_index) on n.level = w.level and n.node_index = w.node_index
            """);
        command.Parameters.AddWithValue("leaves", wanted.Where(node => node.Level == 0).Select(node => node.Index).ToArray());
        command.Parameters.AddWithValue("levels", interior.Select(node => node.Level).ToArray());
        command.Parameters.AddWithValue("indexes", interior.Select(node => node.Index).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            found[new MerkleNode(reader.GetInt32(0), reader.GetInt64(1))] = (byte[])reader[2];
        }

        return found;
    }

    /// <summary>
    /// Stores every complete subtree of the logged leaves that is not stored yet (a log kept before this table existed),
    /// under the log's writer lock so that no leaf is appended meanwhile; run by <c>migrate</c>. Returns the nodes added.
    /// </summary>
    public static async Task<long> FillAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellation)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using (var lockLog = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext(@key))", connection))
        {
            lockLog.Parameters.AddWithValue("key", schema + ".ledger_log");
            await lockLog.ExecuteNonQueryAsync(cancellation);
        }

        long size, stored;
        await using (var counts = new NpgsqlCommand(
            $"""
            select l.size, (select count(*) from {schema}.ledger_nodes where (node_index + 1) * (1::bigint << level) <= l.size)
            from (select coalesce(max(leaf_index) + 1, 0) as size from {schema}.ledger_log) l
            """, connection))
        await using (var reader = await counts.ExecuteReaderAsync(cancellation))
        {
            await reader.ReadAsync(cancellation);
            (size, stored) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        if (stored >= size - long.PopCount(size))
        {
            return 0; // a tree of n leaves has n − popcount(n) complete subtrees above its leaves
        }

        var completed = new List<(MerkleNode Node, byte[] Hash)>();
        var tree = new MerkleAccumulator();
        await using (var leaves = new NpgsqlCommand($"select leaf_hash from {schema}.ledger_log order by leaf_index", connection))
        await using (var reader = await leaves.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                tree.Append((byte[])reader[0], completed);
            }
        }

        foreach (var chunk in completed.Chunk(50_000))
        {
            await WriteAsync(connection, schema, chunk, cancellation);
        }

        await transaction.CommitAsync(cancellation);
        return completed.Count - stored;
    }
}
