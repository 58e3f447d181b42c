using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace FairDraw.Benchmarks;

/// <summary>
/// Headless Debian chromium (Playwright, as the public page tests drive it) on a minimal page served by a local Kestrel:
/// the repository's verifier/ as is (its @noble dependency from verifier/node_modules, resolved by an import map) and the
/// round's kept files under /inputs/, compressed as the API compresses its responses (brotli or gzip, fastest level).
/// <see cref="MeasureAsync"/> times one exported function of a verifier module on one input, in a fresh browser context.
/// </summary>
public sealed class BrowserBench : IAsyncDisposable
{
    /// <summary>
    /// The page's one function: fetch the input (timed: the download and JSON parse), then call the export on it (timed
    /// by the browser's clock). The module is imported before the clock starts, as a visitor's page has it loaded.
    /// </summary>
    private const string Page = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>verification benchmark</title>
        <script type="importmap">{"imports":{"@noble/curves/":"/verifier/node_modules/@noble/curves/","@noble/hashes/":"/verifier/node_modules/@noble/hashes/"}}</script>
        <script type="module">
        window.measure = async ({ module, name, input, pick, options }) => {
          const run = (await import(module))[name];
          const started = performance.now();
          const answer = await (await fetch(input, { cache: 'no-store' })).json();
          const value = pick ? pick.split('.').reduce((member, key) => member[key], answer) : answer;
          const downloaded = performance.now();
          const result = await run(value, options);
          const done = performance.now();
          const entry = performance.getEntriesByName(new URL(input, location.href).href).at(-1);
          return { downloadMs: downloaded - started, runMs: done - downloaded, outcome: result.outcome ?? (result.ok ? 'pass' : 'fail'),
            firstMismatch: result.firstMismatch ?? null, encodedBytes: entry?.encodedBodySize ?? 0 };
        };
        window.ready = true;
        </script></head><body></body></html>
        """;

    private readonly WebApplication _server;
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserBench(WebApplication server, IPlaywright playwright, IBrowser browser) =>
        (_server, _playwright, _browser) = (server, playwright, browser);

    /// <summary>What the page answered: its clock's download (with the JSON parse) and call times, the outcome, the bytes received.</summary>
    public sealed record Measurement(double DownloadMs, double RunMs, string Outcome, string? FirstMismatch, long EncodedBytes);

    /// <summary>
    /// One call of <see cref="MeasureAsync"/>: a module of verifier/, its export, an input under /inputs/, the options, and
    /// optionally the member of the input the export takes (a dotted path such as "draws.0").
    /// </summary>
    public sealed record Call(string Module, string Name, string Input, object Options, string? Pick = null);

    public static async Task<BrowserBench> StartAsync(string verifierDirectory, string inputDirectory, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddResponseCompression(compression =>
        {
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
        });
        var server = builder.Build();
        server.UseResponseCompression();
        server.MapGet("/bench.html", () => Results.Content(Page, "text/html; charset=utf-8"));
        server.MapGet("/verifier/{**path}", (string path) => Serve(verifierDirectory, path));
        server.MapGet("/inputs/{name}", (string name) => Serve(inputDirectory, name));
        await server.StartAsync();

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Args =
            [
                "--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
        return new BrowserBench(server, playwright, browser);
    }

    /// <summary>The chromium version, for the report.</summary>
    public string Version => _browser.Version;

    /// <summary>One measurement in a new browser context (no cache, no warmed-up page), closed afterwards.</summary>
    public async Task<Measurement> MeasureAsync(Call call)
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(0);
        await page.GotoAsync($"{_server.Urls.Single()}/bench.html");
        await page.WaitForFunctionAsync("window.ready === true");
        // Playwright passes member names as they are spelled; the page's are camelCase.
        var answer = await page.EvaluateAsync<JsonElement>(
            "call => window.measure(call)", new { module = call.Module, name = call.Name, input = call.Input, pick = call.Pick, options = call.Options });
        return new Measurement(
            answer.GetProperty("downloadMs").GetDouble(), answer.GetProperty("runMs").GetDouble(), answer.GetProperty("outcome").GetString()!,
            answer.GetProperty("firstMismatch").GetString(), (long)answer.GetProperty("encodedBytes").GetDouble());
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>A file below <paramref name="root"/> with the type a module or JSON import needs; never a path outside it.</summary>
    private static IResult Serve(string root, string path)
    {
        var full = Path.GetFullPath(Path.Combine(root, path));
        if (!full.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return Results.NotFound();
        }

        var type = Path.GetExtension(full) switch
        {
            ".mjs" or ".js" => "text/javascript",
            ".json" => "application/json",
            _ => "application/octet-stream",
        };
        return Results.File(full, type);
    }
}
