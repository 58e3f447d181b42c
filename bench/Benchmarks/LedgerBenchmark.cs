using System.Diagnostics;
using FairDraw.Api.Hosting;
using FairDraw.Api.LedgerIntegrity;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Storage;
using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Npgsql;

namespace FairDraw.Benchmarks;

/// <summary>The tamper-evident ledger's three figures: append throughput with integrity on/off, verify vs a raw read, checkpoint lag.</summary>
public static class LedgerBenchmark
{
    private static readonly Actor Registrar = new("bench", Role.Registrar, DivisionCode.Parse("520100"));

    /// <summary>Append throughput, same workloads with the chaining listener on and off, in the same run.</summary>
    public static async Task AppendAsync(string connectionString)
    {
        await using var dataSource = LedgerStoreOptions.CreateDataSource(connectionString);
        foreach (var workload in new[] { "batches of 1,000 events across 1,000 new streams", "one event per transaction" })
        {
            var rates = new Dictionary<bool, double>();
            foreach (var integrity in new[] { false, true, false, true })
            {
                var schema = integrity ? "bench_append_on" : "bench_append_off";
                await Execute(dataSource, $"drop schema if exists {schema} cascade");
                using var store = DocumentStore.For(options =>
                {
                    LedgerStoreOptions.Configure(options, dataSource, schema);
                    if (!integrity)
                    {
                        // Integrity off: no chaining listener and no chain headers; everything else the same.
                        options.Listeners.Clear();
                        options.Events.MetadataConfig.HeadersEnabled = false;
                    }
                });
                await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate); // as `migrate` does
                if (integrity)
                {
                    await LedgerSchema.EnsureAsync(dataSource, schema, CancellationToken.None); // the listener's check
                }

                var rate = workload.StartsWith("batches", StringComparison.Ordinal) ? await BatchesAsync(store, 20) : await SinglesAsync(store, 2_000);
                rates[integrity] = Math.Max(rates.GetValueOrDefault(integrity), rate); // best of two runs each
            }

            Console.WriteLine($"| {workload} | off {rates[false]:N0} events/s | on {rates[true]:N0} events/s | on/off {rates[true] / rates[false]:F2} |");
        }
    }

    private static async Task<double> BatchesAsync(IDocumentStore store, int batches)
    {
        var clock = Stopwatch.StartNew();
        var serial = 0;
        for (var b = 0; b < batches; b++)
        {
            await using var session = store.LightweightSession();
            for (var i = 0; i < 1_000; i++)
            {
                var events = Registration(serial++);
                session.Events.StartStream(StreamKeys.Entity(((EntityRegistered)events[0]).Uscc), [.. events]);
            }

            await StreamAppend.SaveAsync(session);
        }

        return batches * 1_000 / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> SinglesAsync(IDocumentStore store, int count)
    {
        var streams = new List<string>();
        await using (var seed = store.LightweightSession())
        {
            for (var i = 0; i < 100; i++)
            {
                var events = Registration(1_000_000 + i);
                var key = StreamKeys.Entity(((EntityRegistered)events[0]).Uscc);
                seed.Events.StartStream(key, [.. events]);
                streams.Add(key);
            }

            await StreamAppend.SaveAsync(seed);
        }

        var versions = streams.ToDictionary(s => s, _ => 1L);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var key = streams[i % streams.Count];
            await using var session = store.LightweightSession();
            var uscc = key[StreamKeys.EntityPrefix.Length..];
            session.Events.Append(key, ++versions[key], new EntityDetailsUpdated(uscc, "名称" + i, "", "F5211", RiskClass.B, [], "bench", SystemClock.Instance.GetCurrentInstant()));
            await StreamAppend.SaveAsync(session);
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Integrates the import benchmark's 1M-event ledger, then times, side by side in each of <paramref name="runs"/> runs,
    /// a raw binary read of the same rows, verify without and verify against the signed checkpoint as a trusted one.
    /// </summary>
    public static async Task VerifyAsync(string connectionString, int runs)
    {
        const string schema = "bench_import";
        await using var dataSource = LedgerStoreOptions.CreateDataSource(connectionString);
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var signer = new CheckpointSigner(key, "bench.local/" + schema);
        await LedgerSchema.EnsureAsync(dataSource, schema, CancellationToken.None);
        await Execute(dataSource, $"truncate {schema}.ledger_log, {schema}.ledger_refused, {schema}.ledger_checkpoints; analyze {schema}.mt_events");

        var log = new LedgerLog(dataSource, schema, signer, KeptFile(), LedgerLogOptions.Default, NullLogger.Instance);
        var clock = Stopwatch.StartNew();
        var integrated = await log.IntegrateAsync(CancellationToken.None);
        var trusted = CheckpointVerifier.Verify((await log.CheckpointAsync(CancellationToken.None))!, signer.PublicKeyText());
        var integrateSeconds = clock.Elapsed.TotalSeconds;
        await Execute(dataSource, $"analyze {schema}.ledger_log");
        Console.WriteLine($"| integrate into the Merkle log + sign | {integrateSeconds:F1} s ({integrated.Integrated / integrateSeconds:N0} events/s) |");

        var verifier = new LedgerVerifier(dataSource, schema, signer.PublicKeyText());
        var (plain, against) = (new List<double>(), new List<double>());
        Console.WriteLine("| run | raw read | verify | ratio | verify against a trusted checkpoint | ratio |");
        for (var run = 1; run <= runs; run++)
        {
            clock.Restart();
            var rows = await RawReadAsync(dataSource, schema);
            var rawSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var report = await verifier.VerifyAsync(null, CancellationToken.None);
            var verifySeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var trustedReport = await verifier.VerifyAsync([trusted], null, CancellationToken.None);
            var trustedSeconds = clock.Elapsed.TotalSeconds;
            plain.Add(rawSeconds / verifySeconds);
            against.Add(rawSeconds / trustedSeconds);
            Console.WriteLine(
                $"| {run} | {rawSeconds:F1} s ({rows:N0} rows) | {verifySeconds:F1} s (findings: {report.Findings.Count}) | {plain[^1]:F2} "
                + $"| {trustedSeconds:F1} s (findings: {trustedReport.Findings.Count}) | {against[^1]:F2} |");
        }

        Console.WriteLine($"| median ratio (range) | | | {LogRestartBenchmark.Median(plain):F2} ({plain.Min():F2}–{plain.Max():F2}) | | {LogRestartBenchmark.Median(against):F2} ({against.Min():F2}–{against.Max():F2}) |");
    }

    /// <summary>A kept checkpoint for a ledger signed by a key made for one run: in a folder of its own.</summary>
    private static KeptCheckpointFile KeptFile() => KeptCheckpointFile.In(Directory.CreateTempSubdirectory("fairdraw-bench-").FullName);

    private static async Task<long> RawReadAsync(NpgsqlDataSource dataSource, string schema)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var reader = await connection.BeginBinaryExportAsync(
            $"copy (select {StoredEvent.Columns} from {schema}.mt_events e order by e.seq_id) to stdout (format binary)");
        var rows = 0L;
        while (await reader.StartRowAsync() != -1)
        {
            for (var column = 0; column < 6; column++)
            {
                await reader.SkipAsync();
            }

            rows++;
        }

        return rows;
    }

    /// <summary>
    /// Commit → covered-by-a-signed-checkpoint lag under sustained appends by several writers; with witnesses (real
    /// witness processes on loopback, quorum all of them), also commit → covered by a witnessed checkpoint, and each
    /// checkpoint's cosigning latency: from its signing (the row's <c>signed_at</c>) to the last cosignature stored.
    /// </summary>
    public static async Task LagAsync(string connectionString, TimeSpan duration, int writers, int witnessCount)
    {
        const string schema = "bench_lag";
        await using var dataSource = LedgerStoreOptions.CreateDataSource(connectionString);
        await Execute(dataSource, $"drop schema if exists {schema} cascade");
        using var store = DocumentStore.For(options => LedgerStoreOptions.Configure(options, dataSource, schema));
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var settings = new LedgerSettings(connectionString, schema, "", "bench.local/" + schema, IntegrateInBackground: true);
        var signer = new CheckpointSigner(key, settings.Origin);
        var log = new LedgerLog(dataSource, schema, signer, KeptFile(), LedgerLogOptions.Default, NullLogger.Instance);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate); // as `migrate` does
        await LedgerSchema.EnsureAsync(dataSource, schema, CancellationToken.None);

        var witnesses = new List<WitnessProcess>();
        for (var i = 0; i < witnessCount; i++)
        {
            witnesses.Add(await WitnessProcess.StartAsync($"witness.bench/{i}", signer));
        }

        var configured = witnesses.Select(w => new ConfiguredWitness(w.Address, WitnessKey.Parse(w.Key))).ToList();
        var cosignatures = new LedgerCosignatures(dataSource, schema);
        var policy = configured.Count == 0 ? null : new WitnessPolicy([.. configured.Select(w => w.Key)], configured.Count);
        var witnessing = new CheckpointWitnessing(
            new WitnessSettings(configured, policy), signer, cosignatures,
            new LedgerProofs(dataSource, schema, signer.PublicKeyText(), cosignatures, policy),
            new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>(),
            NullLogger<CheckpointWitnessing>.Instance);
        var worker = new LedgerLogWorker(log, witnessing, dataSource, settings, NullLogger<LedgerLogWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);

        var committed = new System.Collections.Concurrent.ConcurrentDictionary<long, long>();
        var (signed, witnessed) = (new Dictionary<long, long>(), new Dictionary<long, long>());
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(duration);
        var serial = 0;
        var writing = Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var session = store.LightweightSession();
                var events = Registration(Interlocked.Increment(ref serial));
                var action = session.Events.StartStream(StreamKeys.Entity(((EntityRegistered)events[0]).Uscc), [.. events]);
                await StreamAppend.SaveAsync(session);
                committed[action.Events[0].Sequence] = clock.ElapsedTicks;
            }
        })).ToList();

        var signedSize = $"select coalesce(max(tree_size), 0) from {schema}.ledger_checkpoints";
        var witnessedSize = witnessCount == 0 ? signedSize : $"""
            select coalesce(max(tree_size), 0) from (select tree_size from {schema}.ledger_cosignatures
            group by tree_size having count(distinct witness) >= {witnessCount}) w
            """;
        while (!writing.All(t => t.IsCompleted) || witnessed.Count < committed.Count)
        {
            await CoverAsync(dataSource, schema, signedSize, signed, clock);
            await CoverAsync(dataSource, schema, witnessedSize, witnessed, clock);
            if (clock.Elapsed > duration + TimeSpan.FromSeconds(60))
            {
                break;
            }

            await Task.Delay(20);
        }

        await worker.StopAsync(CancellationToken.None);
        foreach (var witness in witnesses)
        {
            await witness.DisposeAsync();
        }

        Console.WriteLine($"| sustained appends | {committed.Count:N0} events by {writers} writers in {duration.TotalSeconds:F0} s ({committed.Count / duration.TotalSeconds:N0} events/s) |");
        Console.WriteLine($"| commit → signed checkpoint p50 / p99 / max | {Lags(committed, signed)} |");
        if (witnessCount > 0)
        {
            Console.WriteLine($"| commit → witnessed checkpoint ({witnessCount} of {witnessCount} cosignatures) p50 / p99 / max | {Lags(committed, witnessed)} |");
            await using var latency = dataSource.CreateCommand($"""
                select extract(epoch from max(c.received_at) - k.signed_at) * 1000 from {schema}.ledger_checkpoints k
                join {schema}.ledger_cosignatures c using (tree_size) group by k.tree_size, k.signed_at
                having count(distinct c.witness) >= {witnessCount} order by 1
                """);
            var cosigning = new List<double>();
            await using (var reader = await latency.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    cosigning.Add((double)reader.GetDecimal(0));
                }
            }

            Console.WriteLine($"| cosigning per checkpoint, signing → last cosignature stored, p50 / p99 | {Percentile(cosigning, 0.50):N0} ms / {Percentile(cosigning, 0.99):N0} ms ({cosigning.Count:N0} checkpoints) |");
        }
    }

    /// <summary>Marks as covered, now, every logged event below the tree size that <paramref name="coveredSize"/> selects.</summary>
    private static async Task CoverAsync(
        NpgsqlDataSource dataSource, string schema, string coveredSize, Dictionary<long, long> covered, Stopwatch clock)
    {
        await using var command = dataSource.CreateCommand(
            $"select l.seq_id from {schema}.ledger_log l where l.leaf_index >= @from and l.leaf_index < ({coveredSize})");
        command.Parameters.AddWithValue("from", (long)covered.Count);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            covered[reader.GetInt64(0)] = clock.ElapsedTicks;
        }
    }

    private static string Lags(IReadOnlyDictionary<long, long> committed, Dictionary<long, long> covered)
    {
        var lags = committed.Where(c => covered.ContainsKey(c.Key)).Select(c => (covered[c.Key] - c.Value) * 1000.0 / Stopwatch.Frequency).Order().ToList();
        return $"{Percentile(lags, 0.50):N0} ms / {Percentile(lags, 0.99):N0} ms / {lags[^1]:N0} ms ({lags.Count:N0} of {committed.Count:N0} covered)";
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

    private static IReadOnlyList<object> Registration(int serial)
    {
        var body = new char[6];
        for (int n = serial, k = 5; k >= 0; k--, n /= 31)
        {
            body[k] = Uscc.Alphabet[n % 31];
        }

        var code = Uscc.Complete($"91520102MB{new string(body)}").Value;
        var input = new EntityInput(code, "基准测试企业" + serial, "企业", "520102", "南明区市场监督管理局", "", "F5211", "B", [], null);
        return EntityDecisions.Register(input, null, Registrar, SystemClock.Instance.GetCurrentInstant());
    }

    private static async Task Execute(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
