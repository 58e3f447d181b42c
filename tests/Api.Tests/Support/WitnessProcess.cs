using System.Diagnostics;
using System.Net;
using System.Text;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Api.Tests.Support;

/// <summary>
/// One witness program (src/Witness) run as its own process over a fresh state folder: <c>init</c>, <c>trust</c> the
/// log's key, then <c>serve</c> on a free loopback port, as its README set-up does (the tests and the benchmarks).
/// </summary>
public sealed class WitnessProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new();
    private readonly Process _server;

    private WitnessProcess(string state, string key, Process server, Uri address) =>
        (State, Key, _server, Address) = (state, key, server, address);

    /// <summary>The state folder: what an auditor reads as this witness's trusted checkpoint.</summary>
    public string State { get; }

    /// <summary>Where it serves: its submission prefix, for <c>add-checkpoint</c>.</summary>
    public Uri Address { get; }

    /// <summary>The witness's verifier key, as <c>init</c> printed it.</summary>
    public string Key { get; }

    /// <summary>The built program, beside this test assembly's configuration (the solution builds it).</summary>
    public static string Program => Path.Combine(
        Repository.Root, "src", "Witness", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "FairDraw.Witness.dll");

    public static async Task<WitnessProcess> StartAsync(string name, CheckpointSigner log)
    {
        var state = Path.Combine(Path.GetTempPath(), "fairdraw-witness-" + Guid.NewGuid().ToString("N"));
        var key = (await RunAsync("init", "--state", state, "--name", name)).Trim();
        await RunAsync("trust", "--state", state, "--origin", log.KeyName, "--log-key", log.PublicKeyText());
        var server = Start("serve", "--state", state, "--urls", "http://127.0.0.1:0");
        server.BeginErrorReadLine(); // its log (a refused fork is Critical) must never fill the pipe and stall it
        if (await server.StandardOutput.ReadLineAsync() != $"witness {key}")
        {
            throw new InvalidOperationException($"the witness in {state} did not start");
        }

        var address = new Uri((await server.StandardOutput.ReadLineAsync())!.Split(' ')[^1]);
        return new WitnessProcess(state, key, server, address);
    }

    public async Task<(HttpStatusCode Status, string Body)> AddAsync(long oldSize, IReadOnlyList<byte[]> proof, string note)
    {
        using var content = new StringContent(new AddCheckpointRequest(oldSize, proof, note).Body(), Encoding.UTF8, "text/plain");
        using var response = await Http.PostAsync(new Uri(Address, "add-checkpoint"), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<string> LatestAsync(string origin) => Http.GetStringAsync(new Uri(Address, "checkpoint?origin=" + Uri.EscapeDataString(origin)));

    public async ValueTask DisposeAsync()
    {
        _server.Kill();
        await _server.WaitForExitAsync();
        _server.Dispose();
        Directory.Delete(State, recursive: true);
    }

    private static async Task<string> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"witness {args[0]}: {await process.StandardError.ReadToEndAsync()}");
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in args.Prepend(Program))
        {
            start.ArgumentList.Add(argument);
        }

        return System.Diagnostics.Process.Start(start)!;
    }
}
