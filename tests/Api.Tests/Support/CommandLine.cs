using System.Diagnostics;

namespace FairDraw.Api.Tests.Support;

/// <summary>Runs the API's command line, or the JavaScript verifier, as its own process; returns its exit code and output.</summary>
public static class CommandLine
{
    /// <summary>The API's entry point (as `dotnet FairDraw.Api.dll`) with <paramref name="host"/>'s database, schema and keys.</summary>
    public static Task<(int ExitCode, string Output)> RunApiAsync(this LedgerHost host, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FairDraw.Api.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["FAIRDRAW_DATABASE"] = LedgerHost.ConnectionString;
        start.Environment["Ledger__Schema"] = host.Schema;
        start.Environment["Ledger__KeyDirectory"] = host.KeyDirectory;
        start.Environment["COLUMNS"] = "400"; // one line per check, however long its detail
        return RunAsync(start);
    }

    /// <summary>The repository's JavaScript verifier under Node on a bundle, trusting <paramref name="trustedKey"/>.</summary>
    public static Task<(int ExitCode, string Output)> RunJavaScriptVerifierAsync(string bundlePath, string trustedKey)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Repository.Root };
        start.ArgumentList.Add(Path.Combine("verifier", "draw-verifier.mjs"));
        start.ArgumentList.Add(bundlePath);
        start.ArgumentList.Add("--key");
        start.ArgumentList.Add(trustedKey);
        return RunAsync(start);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
