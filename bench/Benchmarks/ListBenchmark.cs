using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using FairDraw.Api.Access;
using FairDraw.Api.Hosting;
using FairDraw.Ledger.Access;
using NodaTime;
using Npgsql;

namespace FairDraw.Benchmarks;

/// <summary>
/// Entity list reads over HTTP (loopback) under concurrent readers, against the 1,000,000-entity directory the import
/// benchmark leaves in schema bench_import, beside the public checkpoint read under the same load in the same run. The
/// API runs as its own process, as deployed; this process is the clients.
/// </summary>
public static class ListBenchmark
{
    private const string Schema = "bench_import";
    private const int MaxRequestsPerCase = 50_000;
    private const int Rounds = 5;

    public static async Task RunAsync(string connectionString, TimeSpan perCase, int readers)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var count = dataSource.CreateCommand($"select count(*) from {Schema}.mt_doc_entityrevision where is_current"))
        {
            Console.WriteLine($"| current entities in {Schema} | {(long)(await count.ExecuteScalarAsync())!:N0} |");
        }

        var keys = Path.Combine(Path.GetTempPath(), "fairdraw-bench-lists-keys");
        SigningKeys.Initialise(keys);
        var settings = new LedgerSettings(connectionString, Schema, keys, "bench.fairdraw/lists", IntegrateInBackground: false);
        var token = new TokenService(settings).Issue("bench", "bench", Role.Auditor, DivisionCode.Parse("520100"), Duration.FromHours(2));
        var port = FreePort();
        using var server = StartServer(connectionString, keys, port);
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = readers })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
                Timeout = TimeSpan.FromMinutes(10),
            };
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            await ReadyAsync(client, server);

            // One signed checkpoint, so that its read returns a real note (integrating a fresh million events takes a
            // while, once per schema); then fresh statistics for the planner, as autovacuum would leave them.
            var signing = Stopwatch.StartNew();
            (await client.PostAsync("/api/ledger/checkpoint", null)).EnsureSuccessStatusCode();
            Console.WriteLine($"| integrate and sign a checkpoint (once) | {signing.Elapsed.TotalSeconds:F1} s |");
            await using (var analyze = dataSource.CreateCommand($"analyze {Schema}.mt_doc_entityrevision"))
            {
                await analyze.ExecuteNonQueryAsync();
            }

            // The cursor after row 500,000, from the numbered page that ends there.
            var middle = await client.GetFromJsonAsync<JsonElement>("/api/entities?page=10000&pageSize=50");
            var cursor = middle.GetProperty("next").GetString()!;
            (string Name, string Url)[] cases =
            [
                ("checkpoint `GET /api/ledger/checkpoint`", "/api/ledger/checkpoint"),
                ("first page `/api/entities`", "/api/entities"),
                ("deep page by cursor (after row 500,000)", "/api/entities?after=" + cursor),
                ("deep page by number `page=10001`", "/api/entities?page=10001"),
                ("filter `jurisdiction=520102` (a district)", "/api/entities?jurisdiction=520102"),
                ("filter `riskClass=A`", "/api/entities?riskClass=A"),
            ];

            // Every endpoint and query shape under load once before measuring, so that no case pays for Wolverine's
            // first-call code generation or the JIT's tiering for the others.
            foreach (var (_, url) in cases)
            {
                await LoadAsync(client, url, readers, TimeSpan.FromSeconds(3), server, dataSource);
            }

            // The cases take turns in short slices, so that a change in the shared machine's load falls on all of them.
            var slices = cases.Select(_ => new List<Slice>()).ToArray();
            for (var round = 0; round < Rounds; round++)
            {
                for (var c = 0; c < cases.Length; c++)
                {
                    slices[c].Add(await LoadAsync(client, cases[c].Url, readers, perCase / Rounds, server, dataSource));
                }
            }

            Console.WriteLine($"| case ({readers} readers, {Rounds} slices of {(perCase / Rounds).TotalSeconds:F0} s each, 50 rows a page) | requests | requests/s | p50 ms | p99 ms | API / PostgreSQL CPU s |");
            var results = new List<(string Name, double Rate, double P99)>();
            for (var c = 0; c < cases.Length; c++)
            {
                double[] sorted = [.. slices[c].SelectMany(s => s.Latencies).Order()];
                var rate = sorted.Length / slices[c].Sum(s => s.Seconds);
                var p99 = Percentile(sorted, 0.99);
                results.Add((cases[c].Name, rate, p99));
                Console.WriteLine(
                    $"| {cases[c].Name} | {sorted.Length:N0} | {rate:F1} | {Percentile(sorted, 0.50):F1} | {p99:F1} | {slices[c].Sum(s => s.ApiCpu):F1} / {slices[c].Sum(s => s.PostgresCpu):F1} |");
            }

            var checkpoint = results[0].Rate;
            var first = results[1].P99;
            Console.WriteLine($"| list throughput / checkpoint's (target ≥ 0.5) | {string.Join(" · ", results.Skip(1).Select(r => $"{r.Rate / checkpoint:F2}"))} |");
            Console.WriteLine($"| deep page p99 / first page's (target ≤ 1.5) | cursor {results[2].P99 / first:F2} · number {results[3].P99 / first:F2} |");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private sealed record Slice(IReadOnlyList<double> Latencies, double Seconds, double ApiCpu, double PostgresCpu);

    /// <summary>
    /// <paramref name="readers"/> loops, each sending its next request when the last answered, until the time or the
    /// request budget is spent (requests under way are awaited and counted); every answer must be a 200, read to its end.
    /// </summary>
    private static async Task<Slice> LoadAsync(HttpClient client, string url, int readers, TimeSpan duration, Process server, NpgsqlDataSource dataSource)
    {
        var (apiCpu, postgresTicks) = (server.TotalProcessorTime, ProcessTicks());
        var budget = MaxRequestsPerCase / Rounds;
        var clock = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(Enumerable.Range(0, readers).Select(async _ =>
        {
            var own = new List<double>();
            while (clock.Elapsed < duration && Interlocked.Decrement(ref budget) >= 0)
            {
                var started = clock.Elapsed;
                await GetAsync(client, url);
                own.Add((clock.Elapsed - started).TotalMilliseconds);
            }

            return own;
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        server.Refresh();
        apiCpu = server.TotalProcessorTime - apiCpu;
        var postgresCpu = await BackendCpuAsync(dataSource, postgresTicks);
        return new Slice([.. latencies.SelectMany(l => l)], elapsed, apiCpu.TotalSeconds, postgresCpu);
    }

    /// <summary>CPU ticks (user + system, USER_HZ) of every process now, by process id.</summary>
    private static Dictionary<int, long> ProcessTicks()
    {
        var ticks = new Dictionary<int, long>();
        foreach (var path in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (int.TryParse(Path.GetFileName(path), out var pid))
                {
                    var fields = ProcessMemory.StatFields(Path.Combine(path, "stat"));
                    ticks[pid] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // the process ended while being read
            }
        }

        return ticks;
    }

    /// <summary>
    /// CPU seconds this benchmark's database used since <paramref name="before"/>: the growth of the backends and
    /// parallel workers of this database still alive now. Others' databases on the shared server are left out; a worker
    /// that has already exited is lost, so this is a floor.
    /// </summary>
    private static async Task<double> BackendCpuAsync(NpgsqlDataSource dataSource, Dictionary<int, long> before)
    {
        var now = ProcessTicks();
        var used = 0L;
        await using var command = dataSource.CreateCommand("select pid from pg_stat_activity where datname = current_database()");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var pid = reader.GetInt32(0);
            used += now.GetValueOrDefault(pid) - before.GetValueOrDefault(pid);
        }

        return used / 100.0;
    }

    private static async Task GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static double Percentile(double[] sorted, double share) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(share * sorted.Length) - 1)];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The API built beside this benchmark, on loopback, over the benchmark's schema, after its `migrate`; the server's
    /// output is discarded.
    /// </summary>
    private static Process StartServer(string connectionString, string keys, int port)
    {
        Migrate(connectionString, keys);
        var server = Process.Start(ApiProcess(connectionString, keys, Schema, "--urls", $"http://127.0.0.1:{port}"))!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        return server;
    }

    /// <summary>The API's `migrate` verb over a benchmark's schema, as its own process (one role: the owner's).</summary>
    internal static void Migrate(string connectionString, string keys, string schema = Schema)
    {
        using var migrate = Process.Start(ApiProcess(connectionString, keys, schema, "migrate"))!;
        var output = migrate.StandardOutput.ReadToEndAsync();
        var error = migrate.StandardError.ReadToEnd();
        migrate.WaitForExit();
        if (migrate.ExitCode != 0)
        {
            throw new InvalidOperationException($"migrate exited with {migrate.ExitCode}: {output.Result}{error}");
        }
    }

    private static ProcessStartInfo ApiProcess(string connectionString, string keys, string schema, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FairDraw.Api.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Ledger__Schema"] = schema;
        start.Environment["Ledger__KeyDirectory"] = keys;
        start.Environment["Ledger__IntegrateInBackground"] = "false";
        start.Environment["FAIRDRAW_DATABASE"] = connectionString;
        start.Environment["FAIRDRAW_OWNER_DATABASE"] = connectionString;
        return start;
    }

    private static async Task ReadyAsync(HttpClient client, Process server)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"the API exited with {server.ExitCode} before answering");
            }

            try
            {
                using var response = await client.GetAsync("/api/ledger/checkpoint");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("the API did not answer within two minutes");
    }
}
