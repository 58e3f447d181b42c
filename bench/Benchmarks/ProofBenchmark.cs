using System.Diagnostics;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Storage;
using JasperFx;
using Marten;
using Npgsql;
using Proofs = System.Collections.Generic.IReadOnlyList<System.Collections.Generic.IReadOnlyList<byte[]>>;

namespace FairDraw.Benchmarks;

/// <summary>
/// Inclusion and consistency proofs on a large log: read from the stored complete subtrees (ledger_nodes, what
/// <see cref="LedgerProofs"/> does now) against the former computation from every leaf, side by side in the same run,
/// each proof checked equal. The events' own rows, read the same way by both, are left out.
/// </summary>
public static class ProofBenchmark
{
    private const string Schema = "bench_proofs";

    public static async Task RunAsync(string connectionString, int runs, int leaves, int batch)
    {
        await using var dataSource = LedgerStoreOptions.CreateDataSource(connectionString);
        var fill = await PrepareAsync(dataSource, leaves);
        Console.WriteLine($"{leaves:N0} leaves; migrate filled {fill.Nodes:N0} nodes in {fill.Elapsed.TotalSeconds:N1} s.");
        Console.WriteLine($"{runs} runs after one warm-up, alternating; median (min–max).");
        var random = new Random(6962);
        var cases = new (string Name, Func<Task<Proofs>> Nodes, Func<Task<Proofs>>? Leaves)[]
        {
            ("4 receipts", () => InclusionFromNodesAsync(dataSource, Indices(random, leaves, 4), leaves),
                () => InclusionFromLeavesAsync(dataSource, Indices(random, leaves, 4), leaves)),
            ("a consistency proof", () => ConsistencyFromNodesAsync(dataSource, leaves / 3, leaves),
                () => ConsistencyFromLeavesAsync(dataSource, leaves / 3, leaves)),
            ($"{batch:N0} receipts", () => InclusionFromNodesAsync(dataSource, Indices(random, leaves, batch), leaves), null),
        };
        Console.WriteLine("| case | from stored nodes | from every leaf | leaves / nodes |");
        foreach (var (name, fromNodes, fromLeaves) in cases)
        {
            var (nodeTimes, leafTimes) = (new List<double>(), new List<double>());
            for (var run = 0; run <= runs; run++)
            {
                random = new Random(6962 + run); // both sides prove the same leaves in a run
                var (nodeProofs, nodeTime) = await TimeAsync(fromNodes);
                random = new Random(6962 + run);
                if (fromLeaves is not null)
                {
                    var (leafProofs, leafTime) = await TimeAsync(fromLeaves);
                    if (!nodeProofs.SequenceEqual(leafProofs, ProofComparer.Instance))
                    {
                        throw new InvalidOperationException($"{name}: the proofs from stored nodes differ from those from every leaf");
                    }

                    if (run > 0)
                    {
                        leafTimes.Add(leafTime);
                    }
                }

                if (run > 0)
                {
                    nodeTimes.Add(nodeTime);
                }
            }

            Console.WriteLine(leafTimes.Count == 0
                ? $"| {name} | {LogRestartBenchmark.Summary(nodeTimes)} | (not run: {batch:N0} × O(n)) | |"
                : $"| {name} | {LogRestartBenchmark.Summary(nodeTimes)} | {LogRestartBenchmark.Summary(leafTimes)} "
                    + $"| {Ratios(leafTimes, nodeTimes)} |");
        }
    }

    private static List<long> Indices(Random random, int leaves, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => random.NextInt64(leaves))];

    private static async Task<Proofs> InclusionFromNodesAsync(NpgsqlDataSource dataSource, List<long> indices, long size)
    {
        var needed = indices.SelectMany(index => MerkleTree.InclusionNodes(index, size));
        var nodes = await LedgerNodes.ReadAsync(dataSource, Schema, needed, CancellationToken.None);
        return [.. indices.Select(index => MerkleTree.InclusionProof(node => nodes[node], index, size))];
    }

    private static async Task<Proofs> InclusionFromLeavesAsync(NpgsqlDataSource dataSource, List<long> indices, long size)
    {
        var leaves = await LeavesAsync(dataSource, size);
        return [.. indices.Select(index => MerkleTree.InclusionProof(leaves, index, size))];
    }

    private static async Task<Proofs> ConsistencyFromNodesAsync(NpgsqlDataSource dataSource, long from, long to)
    {
        var nodes = await LedgerNodes.ReadAsync(dataSource, Schema, MerkleTree.ConsistencyNodes(from, to), CancellationToken.None);
        return [MerkleTree.ConsistencyProof(node => nodes[node], from, to)];
    }

    private static async Task<Proofs> ConsistencyFromLeavesAsync(NpgsqlDataSource dataSource, long from, long to) =>
        [MerkleTree.ConsistencyProof(await LeavesAsync(dataSource, to), from, to)];

    /// <summary>Every leaf hash in order, as LedgerProofs read them before the node table.</summary>
    private static async Task<List<byte[]>> LeavesAsync(NpgsqlDataSource dataSource, long size)
    {
        var leaves = new List<byte[]>((int)size);
        await using var command = dataSource.CreateCommand(
            $"select leaf_hash from {Schema}.ledger_log where leaf_index < @size order by leaf_index");
        command.Parameters.AddWithValue("size", size);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            leaves.Add((byte[])reader[0]);
        }

        return leaves;
    }

    /// <summary>A schema with <paramref name="leaves"/> leaves and no nodes, then migrate's fill, timed.</summary>
    private static async Task<(long Nodes, TimeSpan Elapsed)> PrepareAsync(NpgsqlDataSource dataSource, int leaves)
    {
        await CreateSchemaAsync(dataSource, Schema);
        await LogRestartBenchmark.ExecuteAsync(dataSource, $"""
            insert into {Schema}.ledger_log (leaf_index, seq_id, stream_key, version, leaf_hash)
            select i, i + 1, 'bench:' || i, 1, sha256(int8send(i)) from generate_series(0::bigint, {leaves - 1}::bigint) i
            """);
        var clock = Stopwatch.StartNew();
        var nodes = await LedgerNodes.FillAsync(dataSource, Schema, CancellationToken.None);
        var elapsed = clock.Elapsed;
        await LogRestartBenchmark.ExecuteAsync(dataSource, $"analyze {Schema}.ledger_log; analyze {Schema}.ledger_nodes");
        return (nodes, elapsed);
    }

    /// <summary>An empty ledger schema of its own (dropped first): Marten's tables and the ledger's, as `migrate` makes them.</summary>
    internal static async Task CreateSchemaAsync(NpgsqlDataSource dataSource, string schema)
    {
        await LogRestartBenchmark.ExecuteAsync(dataSource, $"drop schema if exists {schema} cascade");
        using (var store = DocumentStore.For(options => LedgerStoreOptions.Configure(options, dataSource, schema)))
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate);
        }

        await LedgerSchema.EnsureAsync(dataSource, schema, CancellationToken.None);
    }

    private static async Task<(T Result, double Milliseconds)> TimeAsync<T>(Func<Task<T>> action)
    {
        var clock = Stopwatch.StartNew();
        var result = await action();
        return (result, clock.Elapsed.TotalMilliseconds);
    }


    /// <summary>The run-by-run ratios' median and range (each run's two sides ran back to back).</summary>
    private static string Ratios(List<double> slow, List<double> fast)
    {
        var ratios = slow.Zip(fast, (s, f) => s / f).ToList();
        return $"{LogRestartBenchmark.Median(ratios):N0}× ({ratios.Min():N0}–{ratios.Max():N0})";
    }


    private sealed class ProofComparer : IEqualityComparer<IReadOnlyList<byte[]>>
    {
        public static readonly ProofComparer Instance = new();

        public bool Equals(IReadOnlyList<byte[]>? x, IReadOnlyList<byte[]>? y) =>
            x is not null && y is not null && x.Count == y.Count && x.Zip(y).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second));

        public int GetHashCode(IReadOnlyList<byte[]> obj) => obj.Count;
    }
}
