using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using FairDraw.Api.Tests.Support;

namespace FairDraw.Benchmarks;

/// <summary>
/// The city-scale round's evidence bundle (<see cref="CityRound"/>: 300,000 entities, 9,000 selected, 500 inspectors)
/// verified three ways, side by side and alternating in one run: (a) the .NET recomputation alone
/// (<see cref="BundleVerifyBenchmark"/>, warm, in this process), (b) the JavaScript verifier's verifyBundle in headless
/// chromium on a page that downloads the bundle (<see cref="BrowserBench"/>), (c) `node verifier/draw-verifier.mjs` on the
/// file, a process per run. Prints each run, then the median and range of each side and of browser ÷ .NET.
/// </summary>
public static partial class CityVerifyBenchmark
{
    private const int Port = 5934;

    /// <summary>One side of the comparison: a name, and one timed run of it (milliseconds, and the wall time if it differs).</summary>
    private sealed record Side(string Name, Func<Task<(double Milliseconds, double Wall)>> Run);

    public static async Task<int> RunAsync(string connectionString, int runs, string directory)
    {
        await CityRound.EnsureAsync(connectionString, directory);
        var bundleFile = Path.Combine(directory, CityRound.BundleFile);
        var trustedKey = (await File.ReadAllTextAsync(Path.Combine(directory, CityRound.TrustedKeyFile))).Trim();
        var verifier = Path.Combine(Repository.Root, "verifier");
        Sizes(bundleFile);

        var folded = BundleVerifyBenchmark.Read(bundleFile);
        Console.WriteLine(
            $"bundle: {folded.Members.Count:N0} entities, {folded.Bundle.Inputs.Inspectors.Count:N0} inspectors, " +
            $"{folded.Bundle.Outputs.Selected.Count:N0} selected, {folded.Bundle.Events.Count} events");
        var cold = Stopwatch.StartNew();
        var coldReport = folded.Verify(trustedKey);
        Console.WriteLine($".NET cold run (JIT included, not counted): {cold.Elapsed.TotalMilliseconds:N0} ms, {(coldReport.Passed ? "verified" : coldReport.FirstFailure)}");

        await using var browser = await BrowserBench.StartAsync(verifier, directory, Port);
        Console.WriteLine($"chromium {browser.Version}, node {NodeVersion()}");
        var full = new BrowserBench.Call("/verifier/draw-verifier.mjs", "verifyBundle", $"/inputs/{CityRound.BundleFile}", new { trustedKey });
        var entity = new BrowserBench.Call(
            "/verifier/entity-proof.mjs", "verifyEntityDraw", $"/inputs/{CityRound.EntityFile}", new { trustedKey }, "draws.0");
        var download = new List<double>();
        var received = 0L;
        Side[] sides =
        [
            new(".NET recomputation", () =>
            {
                var clock = Stopwatch.StartNew();
                var report = folded.Verify(trustedKey);
                var elapsed = clock.Elapsed.TotalMilliseconds;
                return Task.FromResult(report.Passed ? (elapsed, elapsed) : throw new InvalidOperationException($".NET: {report.FirstFailure}"));
            }),
            new("browser verifyBundle", async () =>
            {
                var clock = Stopwatch.StartNew();
                var measured = await browser.MeasureAsync(full);
                var wall = clock.Elapsed.TotalMilliseconds;
                download.Add(measured.DownloadMs);
                received = measured.EncodedBytes;
                return measured.Outcome == "pass"
                    ? (measured.RunMs, measured.DownloadMs + measured.RunMs)
                    : throw new InvalidOperationException($"browser: {measured.Outcome} ({measured.FirstMismatch}) after {wall:N0} ms");
            }),
            new("node draw-verifier.mjs", () => NodeAsync(verifier, bundleFile, trustedKey)),
            new("browser verifyEntityDraw", async () =>
            {
                var measured = await browser.MeasureAsync(entity);
                return measured.Outcome == "pass"
                    ? (measured.RunMs, measured.DownloadMs + measured.RunMs)
                    : throw new InvalidOperationException($"browser per-entity: {measured.Outcome} ({measured.FirstMismatch})");
            }),
        ];

        var samples = sides.ToDictionary(side => side.Name, _ => new List<(double Milliseconds, double Wall)>());
        for (var run = 1; run <= runs; run++)
        {
            // The order turns with the run, so that a drift in the shared machine's load falls on each side.
            var line = new List<string>();
            for (var i = 0; i < sides.Length; i++)
            {
                var side = sides[(i + run) % sides.Length];
                var sample = await side.Run();
                samples[side.Name].Add(sample);
                line.Add($"{side.Name} {sample.Milliseconds:N0} ms{(sample.Wall != sample.Milliseconds ? $" (wall {sample.Wall:N0} ms)" : "")}");
            }

            Console.WriteLine($"run {run}: {string.Join(" | ", line)} | load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        }

        Console.WriteLine($"| side ({runs} runs) | median | range |");
        foreach (var (name, values) in samples)
        {
            Console.WriteLine($"| {name} | {Spread(values.Select(v => v.Milliseconds))} |");
            if (values.Any(v => v.Wall != v.Milliseconds))
            {
                Console.WriteLine($"| {name}, wall | {Spread(values.Select(v => v.Wall))} |");
            }
        }

        Console.WriteLine($"| browser, download and parse of the bundle ({received:N0} bytes received) | {Spread(download)} |");
        var dotnet = samples[sides[0].Name];
        Console.WriteLine($"| browser ÷ .NET (target ≤ 3) | {Spread(samples[sides[1].Name].Zip(dotnet, (b, d) => b.Milliseconds / d.Milliseconds), "F1")} |");
        Console.WriteLine($"| browser wall ÷ .NET | {Spread(samples[sides[1].Name].Zip(dotnet, (b, d) => b.Wall / d.Milliseconds), "F1")} |");
        Console.WriteLine($"| node ÷ .NET | {Spread(samples[sides[2].Name].Zip(dotnet, (n, d) => n.Milliseconds / d.Milliseconds), "F1")} |");
        Console.WriteLine($"| per-entity ÷ browser full (target ≤ 0.01) | {Spread(samples[sides[3].Name].Zip(samples[sides[1].Name], (e, b) => e.Milliseconds / b.Milliseconds), "F4")} |");
        return 0;
    }

    /// <summary>The bundle's size as stored, and as gzip and brotli send it (at the API's fastest level, and at the smallest).</summary>
    private static void Sizes(string bundleFile)
    {
        var bytes = File.ReadAllBytes(bundleFile);
        var (gzip, brotli) = CompressedSizes(bytes, CompressionLevel.Fastest);
        var (gzipSmallest, brotliSmallest) = CompressedSizes(bytes, CompressionLevel.SmallestSize);
        Console.WriteLine(
            $"bundle size: {bytes.Length:N0} bytes uncompressed; gzip {gzip:N0} (smallest {gzipSmallest:N0}); brotli {brotli:N0} (smallest " +
            $"{brotliSmallest:N0}); per pool member: {(double)bytes.Length / CityRound.PoolSize:F1} / gzip {(double)gzip / CityRound.PoolSize:F1} / " +
            $"brotli {(double)brotli / CityRound.PoolSize:F1} (smallest {(double)brotliSmallest / CityRound.PoolSize:F1}) bytes");
    }

    /// <summary>A file's size under gzip and brotli at <paramref name="level"/> (the API compresses responses at the fastest).</summary>
    internal static (long Gzip, long Brotli) CompressedSizes(byte[] bytes, CompressionLevel level)
    {
        long Compressed(Func<Stream, Stream> compress)
        {
            using var output = new MemoryStream();
            using (var stream = compress(output))
            {
                stream.Write(bytes);
            }

            return output.Length;
        }

        return (Compressed(output => new GZipStream(output, level, leaveOpen: true)), Compressed(output => new BrotliStream(output, level, leaveOpen: true)));
    }

    /// <summary>`node verifier/draw-verifier.mjs` as a user runs it: the process's wall time, and the time it prints itself.</summary>
    private static async Task<(double Milliseconds, double Wall)> NodeAsync(string verifier, string bundleFile, string trustedKey)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(verifier, "draw-verifier.mjs"), bundleFile, "--key", trustedKey })
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var node = Process.Start(start)!;
        var error = node.StandardError.ReadToEndAsync();
        var output = await node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync();
        var wall = clock.Elapsed.TotalMilliseconds;
        var printed = VerifiedIn().Match(output);
        return node.ExitCode == 0 && printed.Success
            ? (double.Parse(printed.Groups[1].Value, CultureInfo.InvariantCulture), wall)
            : throw new InvalidOperationException($"node exited with {node.ExitCode}: {output}{await error}");
    }

    private static string NodeVersion()
    {
        using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
        var version = node.StandardOutput.ReadToEnd().Trim();
        node.WaitForExit();
        return version;
    }

    private static string Spread(IEnumerable<double> values, string format = "N0")
    {
        var sorted = values.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return $"{median.ToString(format, CultureInfo.InvariantCulture)} | {sorted[0].ToString(format, CultureInfo.InvariantCulture)}–{sorted[^1].ToString(format, CultureInfo.InvariantCulture)}";
    }

    [GeneratedRegex(@"^verified in (\d+) ms", RegexOptions.Multiline)]
    private static partial Regex VerifiedIn();
}
