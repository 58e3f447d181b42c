using System.Diagnostics;
using System.Security.Cryptography;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Storage;
using JasperFx;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FairDraw.Benchmarks;

/// <summary>
/// The Merkle log's first pass after a restart (or a change of leader): resumed from the compact range kept with the
/// newest checkpoint, against a full re-read of every leaf (a ledger signed before ranges were kept), in the same run.
/// </summary>
public static class LogRestartBenchmark
{
    /// <summary>Leaves logged after the newest checkpoint: what a restart finds when the log had not yet signed them.</summary>
    private const int Unsigned = 100;

    private const string Resumed = "bench_restart_range";
    private const string Full = "bench_restart_full";
    private const string Steady = "steady";

    public static async Task RunAsync(string connectionString, IReadOnlyList<int> sizes, int runs)
    {
        await using var dataSource = LedgerStoreOptions.CreateDataSource(connectionString);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signer = new CheckpointSigner(key, "bench.local/restart");
        Console.WriteLine($"{runs} runs each after one warm-up, alternating; median (min–max). A pass without reload is the floor.");
        Console.WriteLine(
            "| leaves | leaves read: range / full | restart from the range | restart, full re-read | full / range | a pass without reload |");
        foreach (var size in sizes)
        {
            // Each schema is a ledger of its own, so each keeps its own checkpoint beside the (shared) key.
            var kept = new[] { Resumed, Full }.ToDictionary(schema => schema, _ => KeptCheckpointFile.In(Directory.CreateTempSubdirectory("fairdraw-bench-").FullName));
            await PrepareAsync(dataSource, signer, kept[Resumed], size);
            var times = new Dictionary<string, List<double>> { [Resumed] = [], [Full] = [], [Steady] = [] };
            var (read, logs) = (new Dictionary<string, long>(), new Dictionary<string, LedgerLog>());
            for (var run = 0; run <= runs; run++) // run 0 warms up and is not counted
            {
                foreach (var schema in new[] { Resumed, Full })
                {
                    var log = new LedgerLog(dataSource, schema, signer, kept[schema], LedgerLogOptions.Default, NullLogger.Instance);
                    var clock = Stopwatch.StartNew();
                    var pass = await log.IntegrateAsync(CancellationToken.None);
                    var milliseconds = clock.Elapsed.TotalMilliseconds;
                    if (run > 0)
                    {
                        times[schema].Add(milliseconds);
                    }

                    (read[schema], logs[schema]) = (pass.LeavesRead, log);
                    if (schema == Resumed && run > 0)
                    {
                        clock.Restart();
                        await log.IntegrateAsync(CancellationToken.None);
                        times[Steady].Add(clock.Elapsed.TotalMilliseconds);
                    }
                }
            }

            // Both trees sign the same checkpoint (signed after the runs, which must all start from the same state).
            var signed = new List<string>();
            foreach (var log in logs.Values)
            {
                var note = await log.CheckpointAsync(CancellationToken.None);
                signed.Add(Convert.ToHexStringLower(CheckpointVerifier.Verify(note!, signer.PublicKeyText()).RootHash));
            }

            if (signed.Distinct().Count() != 1)
            {
                throw new InvalidOperationException($"the resumed tree of {size} leaves has another root than the full re-read");
            }

            var (range, full) = (Median(times[Resumed]), Median(times[Full]));
            Console.WriteLine(
                $"| {size:N0} | {read[Resumed]:N0} / {read[Full]:N0} | {Summary(times[Resumed])} | {Summary(times[Full])} | {full / range:F1}× "
                + $"| {Summary(times[Steady])} |");
        }
    }

    /// <summary>
    /// Two schemas with the same <paramref name="size"/> leaves (integrated an hour ago) and the same checkpoint
    /// <see cref="Unsigned"/> leaves before the end; only the first keeps the compact range with it.
    /// </summary>
    private static async Task PrepareAsync(NpgsqlDataSource dataSource, CheckpointSigner signer, KeptCheckpointFile kept, int size)
    {
        foreach (var schema in new[] { Resumed, Full })
        {
            await ExecuteAsync(dataSource, $"drop schema if exists {schema} cascade");
            using var store = DocumentStore.For(options => LedgerStoreOptions.Configure(options, dataSource, schema));
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate); // as `migrate` does
            await LedgerSchema.EnsureAsync(dataSource, schema, CancellationToken.None);
        }

        await InsertLeavesAsync(dataSource, 0, size - Unsigned);
        var setup = new LedgerLog(dataSource, Resumed, signer, kept, LedgerLogOptions.Default, NullLogger.Instance);
        await setup.IntegrateAsync(CancellationToken.None);
        await setup.CheckpointAsync(CancellationToken.None);
        await InsertLeavesAsync(dataSource, size - Unsigned, size);
        await ExecuteAsync(dataSource, $"""
            insert into {Full}.ledger_checkpoints (tree_size, root_hash, signed_note, signed_at)
                select tree_size, root_hash, signed_note, signed_at from {Resumed}.ledger_checkpoints;
            analyze {Resumed}.ledger_log; analyze {Full}.ledger_log
            """);
    }

    private static async Task InsertLeavesAsync(NpgsqlDataSource dataSource, int from, int to)
    {
        foreach (var schema in new[] { Resumed, Full })
        {
            await ExecuteAsync(dataSource, $"""
                insert into {schema}.ledger_log (leaf_index, seq_id, stream_key, version, leaf_hash, integrated_at)
                select i, i + 1, 'bench:' || i, 1, sha256(int8send(i)), now() - interval '1 hour'
                from generate_series({from}::bigint, {to - 1}::bigint) i
                """);
        }
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    internal static string Summary(List<double> milliseconds) =>
        $"{Median(milliseconds):N1} ms ({milliseconds.Min():N1}–{milliseconds.Max():N1})";

    internal static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
