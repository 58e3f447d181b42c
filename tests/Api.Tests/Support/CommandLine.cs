using System.Diagnostics;

namespace FairDraw.Api.Tests.Support;

/// <summary>A finished process: its exit code and what it wrote to stdout and to stderr.</summary>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Both streams, for assertions that do not care which one a line went to.</summary>
    public string Output => StandardOutput + StandardError;

    public void Deconstruct(out int exitCode, out string output) => (exitCode, output) = (ExitCode, Output);
}

/// <summary>Runs the API's command line, or the JavaScript verifier, as its own process; returns its exit code and output.</summary>
public static class CommandLine
{
    /// <summary>The API's entry point (as `dotnet FairDraw.Api.dll`) with <paramref name="host"/>'s database, schema and keys.</summary>
    public static Task<CommandResult> RunApiAsync(this LedgerHost host, params string[] args) =>
        RunApiAsync(AppContext.BaseDirectory, HostEnvironment(host), args);

    /// <summary>The host's database (as the application role), schema and key folder, as the environment of a CLI process.</summary>
    public static Dictionary<string, string?> HostEnvironment(LedgerHost host) => new()
    {
        ["FAIRDRAW_DATABASE"] = LedgerHost.ApplicationConnectionString,
        ["Ledger__Schema"] = host.Schema,
        ["Ledger__KeyDirectory"] = host.KeyDirectory,
    };

    /// <summary>
    /// The API's entry point run from <paramref name="workingDirectory"/> with <paramref name="environment"/> (a null
    /// value removes the variable the test process would pass on).
    /// </summary>
    public static Task<CommandResult> RunApiAsync(
        string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FairDraw.Api.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return RunAsync(start);
    }

    /// <summary>The repository's JavaScript verifier under Node on a bundle, trusting <paramref name="trustedKey"/>.</summary>
    public static Task<CommandResult> RunJavaScriptVerifierAsync(string bundlePath, string trustedKey) =>
        RunNodeAsync(Path.Combine("verifier", "draw-verifier.mjs"), bundlePath, "--key", trustedKey);

    /// <summary>A script of the repository (e.g. <c>verifier/verify-duty.mjs</c>) under Node, from the repository's root.</summary>
    public static Task<CommandResult> RunNodeAsync(params string[] args)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Repository.Root };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return RunAsync(start);
    }

    private static async Task<CommandResult> RunAsync(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // e.g. a server that should have refused to start
            throw;
        }

        return new CommandResult(process.ExitCode, await output, await error);
    }
}
