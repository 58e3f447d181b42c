using System.Diagnostics;
using FairDraw.Projections.Dossiers;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Storage;
using Npgsql;

namespace FairDraw.Benchmarks;

/// <summary>
/// An official's dossier on a large event table: the first page and the whole dossier, with the indexes
/// <see cref="LedgerSchema"/> keeps on the actor header and <c>ApprovedBy</c>, against the same table without them, in
/// the same run. The events are synthetic rows (2,000 writers in turn, one in 100 countersigned), enough to give the
/// planner the table's real shape; nothing else of the ledger is needed to list them.
/// </summary>
public static class DossierBenchmark
{
    private const string Indexed = "bench_dossier_indexed";
    private const string Plain = "bench_dossier_plain";

    public static async Task RunAsync(string connectionString, int runs, int events)
    {
        await using var dataSource = LedgerStoreOptions.CreateDataSource(connectionString);
        foreach (var schema in new[] { Indexed, Plain })
        {
            await PrepareAsync(dataSource, schema, events);
        }

        await LogRestartBenchmark.ExecuteAsync(dataSource, $"drop index {Plain}.mt_events_actor; drop index {Plain}.mt_events_approved_by");
        var subject = DossierSubject.Official("user-7"); // writes one event in 2,000, countersigns one in 200,000
        Console.WriteLine($"{events:N0} events; official user-7; {runs} runs after one warm-up, alternating; median (min–max).");
        Console.WriteLine("| case | with the indexes | without | without / with |");
        foreach (var (name, pageSize) in new[] { ("first page (50)", 50), ("whole dossier (one page of 1,000)", 1_000) })
        {
            var times = new Dictionary<string, List<double>> { [Indexed] = [], [Plain] = [] };
            var counts = new Dictionary<string, int>();
            for (var run = 0; run <= runs; run++)
            {
                foreach (var schema in new[] { Indexed, Plain })
                {
                    var reader = new DossierReader(dataSource, schema);
                    var clock = Stopwatch.StartNew();
                    counts[schema] = (await reader.PageAsync(subject, 0, null, null, pageSize, CancellationToken.None)).Count;
                    if (run > 0)
                    {
                        times[schema].Add(clock.Elapsed.TotalMilliseconds);
                    }
                }
            }

            if (counts[Indexed] != counts[Plain])
            {
                throw new InvalidOperationException($"{name}: {counts[Indexed]} events with the indexes, {counts[Plain]} without");
            }

            var ratios = times[Plain].Zip(times[Indexed], (plain, indexed) => plain / indexed).ToList();
            Console.WriteLine($"| {name}, {counts[Indexed]} events | {LogRestartBenchmark.Summary(times[Indexed])} "
                + $"| {LogRestartBenchmark.Summary(times[Plain])} | "
                + $"{LogRestartBenchmark.Median(ratios):N0}× ({ratios.Min():N0}–{ratios.Max():N0}) |");
        }
    }

    private static async Task PrepareAsync(NpgsqlDataSource dataSource, string schema, int events)
    {
        await ProofBenchmark.CreateSchemaAsync(dataSource, schema);
        await LogRestartBenchmark.ExecuteAsync(dataSource, $"""
            insert into {schema}.mt_streams (id, type, version) select 'bench:' || s, null, 4 from generate_series(0, {events / 4}) s;
            insert into {schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, headers)
            select i, gen_random_uuid(), 'bench:' || (i / 4), i % 4 + 1,
                   case when i % 100 = 0 then jsonb_build_object('ApprovedBy', 'user-' || (i / 100 % 2000)) else jsonb_build_object() end,
                   'bench_event', now(),
                   jsonb_build_object('actor', 'user-' || (i % 2000), 'time', '2022-01-01T00:00:00.000000000Z', 'prev', '', 'chain', '')
            from generate_series(1, {events}) i;
            analyze {schema}.mt_events
            """);
    }


}
