using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FairDraw.Api.Access;
using FairDraw.Api.Demo;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Duty;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Duty;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Storage;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace FairDraw.Benchmarks;

/// <summary>
/// The duty report's benchmark on the city's year (<see cref="CityYear"/>), for the city division's plan (2021, 520100,
/// SJJ). Side by side in each run, in an order turning with the run: the yardstick, a plain read of exactly the events
/// the report cites, by sequence number (their stored rows, from which canonical bytes are rebuilt); the bundle
/// (GET /api/duty/bundles; the report's read builds the same bundle and returns its report) through the in-process
/// API; the bundle verified by
/// verify-duty's code (<see cref="DutyVerifier"/>, in this process) and, when the directory given holds it, by
/// `node verify-duty.mjs` (a process per run). Each as a ratio to the plain read of its run; then where the time goes.
/// </summary>
public static class CityYearBenchmark
{
    private const string Scope = "year=2021&jurisdiction=520100&department=SJJ";

    private sealed record Side(string Name, Func<Task<double>> Run);

    public static async Task<int> RunAsync(string connectionString, int runs, string directory, string nodeVerifier)
    {
        await using var year = await CityYear.EnsureAsync(connectionString, directory);
        await using var dataSource = LedgerStoreOptions.CreateDataSource(connectionString);
        await using (var analyze = dataSource.CreateCommand($"analyze {CityYear.Schema}.mt_events; analyze {CityYear.Schema}.ledger_log"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        var services = year.Host.Services;
        var ledgerKey = services.GetRequiredService<CheckpointSigner>().PublicKeyText();
        var policy = WitnessPolicy.Parse([year.WitnessKey], 1);
        var token = services.GetRequiredService<TokenService>().Issue(
            "bench-auditor", "基准审计员 / benchmark auditor", Role.Auditor, DivisionCode.Parse(Guiyang.City), Duration.FromHours(12));
        using var client = year.Host.Server.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(30); // a loaded machine takes minutes over a bundle of the year
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // Once, not counted: the bundle (kept as a file for node), the report's cited events, the bundle's size.
        var bundleBytes = await GetAsync(client, "/api/duty/bundles?" + Scope);
        var bundleFile = Path.Combine(directory, "city-year-duty-bundle.json");
        await File.WriteAllBytesAsync(bundleFile, bundleBytes);
        var bundle = DutyBundle.Parse(bundleBytes);
        long[] cited = [.. bundle.Report.Cited.Distinct().Order()];
        var (gzip, brotli) = CityVerifyBenchmark.CompressedSizes(bundleBytes, System.IO.Compression.CompressionLevel.Fastest);
        Console.WriteLine(
            $"duty bundle: {bundle.Events.Count:N0} events, {bundle.Bounds.Count:N0} bound checkpoints, the report cites {cited.Length:N0} events; " +
            $"{bundleBytes.Length:N0} bytes, gzip {gzip:N0}, brotli {brotli:N0} (both at the fastest level, as the API compresses)");
        foreach (var clause in bundle.Report.Clauses)
        {
            Console.WriteLine($"  clause {clause.Clause} {clause.Name}: {clause.Verdict} ({clause.Findings.Count:N0} findings, {clause.Sequences.Count:N0} events)");
        }

        Console.WriteLine($"  bounds for {bundle.Report.Bounds.Count:N0} events, {bundle.Report.Bounds.Count(b => b.Lower is not null && b.Upper is not null):N0} with both; as of {bundle.Report.AsOf:N0} ({bundle.Report.AsOfTime})");
        _ = await PlainReadAsync(dataSource, cited);

        var node = File.Exists(Path.Combine(nodeVerifier, "verify-duty.mjs"));
        _ = Verify(bundleBytes, ledgerKey, policy); // once before the runs, for the JIT
        var sides = new List<Side>
        {
            new("plain read", () => Timed(() => PlainReadAsync(dataSource, cited))),
            new("bundle (GET /api/duty/bundles)", () => Timed(() => GetAsync(client, "/api/duty/bundles?" + Scope))),
            new("verify (.NET, verify-duty)", () => Timed(() => Task.FromResult(Verify(bundleBytes, ledgerKey, policy)))),
        };
        if (node)
        {
            sides.Add(new("verify (node verify-duty.mjs)", () => Timed(() => NodeAsync(nodeVerifier, bundleFile, ledgerKey, year.WitnessKey))));
        }
        else
        {
            Console.WriteLine($"no {Path.Combine(nodeVerifier, "verify-duty.mjs")}: the JavaScript side is left out");
        }

        var samples = sides.ToDictionary(side => side.Name, _ => new List<double>());
        for (var run = 1; run <= runs; run++)
        {
            var line = new List<string>();
            for (var i = 0; i < sides.Count; i++)
            {
                var side = sides[(i + run) % sides.Count];
                samples[side.Name].Add(await side.Run());
                line.Add($"{side.Name} {samples[side.Name][^1]:N0} ms");
            }

            Console.WriteLine($"run {run}: {string.Join(" | ", line)} | load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        }

        var plain = samples[sides[0].Name];
        Console.WriteLine($"| side ({runs} runs) | median ms | range | ÷ plain read, median | range |");
        foreach (var (name, values) in samples)
        {
            var ratios = values.Zip(plain, (v, p) => v / p).ToList();
            Console.WriteLine($"| {name} | {Spread(values, "N0")} | {Spread(ratios, "F2")} |");
        }

        await PhasesAsync(services, dataSource, cited, bundle, bundleBytes, ledgerKey, policy);
        return 0;
    }

    /// <summary>The yardstick: the cited rows by sequence number, read into memory as the ledger's verifier reads them.</summary>
    private static async Task<int> PlainReadAsync(NpgsqlDataSource dataSource, long[] sequences)
    {
        await using var command = dataSource.CreateCommand(
            $"select {StoredEvent.Columns} from {CityYear.Schema}.mt_events e where e.seq_id = any(@sequences) order by e.seq_id");
        command.Parameters.AddWithValue("sequences", sequences);
        var rows = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            _ = StoredEvent.Read(reader);
            rows++;
        }

        return rows == sequences.Length ? rows : throw new InvalidOperationException($"read {rows:N0} of the {sequences.Length:N0} cited events");
    }

    private static async Task<byte[]> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
    }

    private static DutyVerification Verify(byte[] bundle, string ledgerKey, WitnessPolicy policy)
    {
        var verification = DutyVerifier.Verify(bundle, ledgerKey, policy, DutyEventTypes.Decode);
        return verification.Passed && verification.PolicyMatches
            ? verification
            : throw new InvalidOperationException($"the bundle did not verify: {string.Join("; ", verification.Failures.Select(f => $"{f.Kind}: {f.Detail}"))}");
    }

    private static async Task<double> Timed<T>(Func<Task<T>> run)
    {
        var timer = Stopwatch.StartNew();
        _ = await run();
        return timer.Elapsed.TotalMilliseconds;
    }

    /// <summary>`node verify-duty.mjs` as a user runs it, a process per run; its exit code (0 verified, 1 refused).</summary>
    private static async Task<int> NodeAsync(string verifier, string bundleFile, string ledgerKey, string witnessKey)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(verifier, "verify-duty.mjs"), bundleFile, "--key", ledgerKey, "--witness", witnessKey })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        // A bundle the JavaScript verifier refuses (exit 1) is still timed, and the start of its refusal printed (its
        // last lines may be lost: it exits before a piped stdout drains): two verifiers disagreeing is a finding, not a
        // reason to stop the .NET side's measurement.
        if (process.ExitCode > 1)
        {
            throw new InvalidOperationException($"node exited with {process.ExitCode}: {output[..Math.Min(output.Length, 2000)]}{await error}");
        }

        if (process.ExitCode == 1)
        {
            var refused = output.Split('\n').FirstOrDefault(line => line.StartsWith("fail", StringComparison.Ordinal)) ?? output;
            Console.WriteLine($"  node refused the bundle: {refused[..Math.Min(refused.Length, 400)]}");
        }

        return process.ExitCode;
    }

    /// <summary>
    /// Where the time goes, each part timed alone once: on the build side the cited rows read (the plain read) and then
    /// unsealed into canonical bytes and decoded, as the scope read does after its queries; the multi-leaf proof
    /// (<see cref="LedgerProofs.MultiInclusionAsync"/>); the engine; the bundle's JSON. On the verifier's side its
    /// steps in order: parse, the multi-leaf proof, decode, completeness, engine.
    /// </summary>
    private static async Task PhasesAsync(
        IServiceProvider services, NpgsqlDataSource dataSource, long[] cited, DutyBundle bundle, byte[] bytes, string ledgerKey, WitnessPolicy policy)
    {
        var timer = Stopwatch.StartNew();
        double Lap()
        {
            var elapsed = timer.Elapsed.TotalMilliseconds;
            timer.Restart();
            return elapsed;
        }

        var rows = new List<StoredEvent>();
        await using (var command = dataSource.CreateCommand(
            $"select {StoredEvent.Columns} from {CityYear.Schema}.mt_events e where e.seq_id = any(@sequences) order by e.seq_id"))
        {
            command.Parameters.AddWithValue("sequences", cited);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(StoredEvent.Read(reader));
            }
        }

        var readMs = Lap();
        var unsealed = rows.Select(row => DutyCanonical.Parse(row.Sequence, 0, row.Unseal(out _)!.Canonical).Decode(DutyEventTypes.Decode)).Count();
        var unsealMs = Lap();
        var final = CheckpointVerifier.Verify(bundle.Checkpoint, ledgerKey);
        var proof = await services.GetRequiredService<LedgerProofs>().MultiInclusionAsync([.. bundle.Events.Select(e => e.LeafIndex)], final.TreeSize, CancellationToken.None);
        var proofMs = Lap();
        var json = JsonSerializer.SerializeToUtf8Bytes(bundle, DutyBundle.Json);
        var jsonMs = Lap();

        var parsed = DutyBundle.Parse(bytes);
        var parseMs = Lap();
        var included = MerkleTree.VerifyMultiInclusion(
            [.. parsed.Events.Select(e => e.LeafIndex)], [.. parsed.Events.Select(e => MerkleTree.LeafHash(e.Canonical))], final.TreeSize,
            [.. parsed.InclusionProof.Select(Convert.FromHexString)], final.RootHash);
        var inclusionMs = Lap();
        var canonical = parsed.Events.Select(e => DutyCanonical.Parse(e.Sequence, e.LeafIndex, e.Canonical)).ToList();
        var decoded = canonical.Select(e => e.Decode(DutyEventTypes.Decode)).ToList();
        var decodeMs = Lap();
        var scope = new DutyScope(Ledger.Plans.PlanId.Create(parsed.Report.Year, parsed.Report.Jurisdiction, parsed.Report.Department), null);
        var ledger = new DutyLedger(scope, decoded);
        var incomplete = DutyCompleteness.Check(parsed.Report, ledger, canonical).Count();
        var completenessMs = Lap();
        var bounds = parsed.Bounds.Select(b => (CheckpointVerifier.Verify(b.Checkpoint, ledgerKey).TreeSize, b.Checkpoint)).ToList();
        var report = DutyEngine.Build(ledger, parsed.Report.AsOf, WitnessedTimes.From(bounds, policy), policy, ledgerKey);
        var engineMs = Lap();
        Console.WriteLine(
            $"where the time goes (each once, ms): build — read of the {rows.Count:N0} cited rows {readMs:N0}, unsealed and decoded {unsealMs:N0} " +
            $"({unsealed:N0}), multi-leaf proof of {bundle.Events.Count:N0} leaves ({proof.Count:N0} hashes) {proofMs:N0}, engine {engineMs:N0}, " +
            $"bundle JSON ({json.Length:N0} bytes) {jsonMs:N0}; verify — parse {parseMs:N0}, multi-leaf proof {inclusionMs:N0} ({(included ? "holds" : "FAILS")}), " +
            $"decode {decodeMs:N0}, completeness {completenessMs:N0} ({incomplete} failures), engine {engineMs:N0} ({report.Clauses.Count} clauses)");
    }

    private static string Spread(List<double> values, string format)
    {
        var sorted = values.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return $"{median.ToString(format, CultureInfo.InvariantCulture)} | {sorted[0].ToString(format, CultureInfo.InvariantCulture)}–{sorted[^1].ToString(format, CultureInfo.InvariantCulture)}";
    }
}
