using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NodaTime;

namespace FairDraw.Witness;

/// <summary>The verbs: <c>init</c>, <c>trust</c>, <c>serve</c>, <c>show</c>. Results go to stdout, messages to stderr.</summary>
public static class WitnessCommandLine
{
    private const string Usage = """
        用法 / usage:
          init  --state DIR --name NAME                 create the state folder and the witness key; print its verifier key
          trust --state DIR --origin ORIGIN --log-key VKEY   cosign checkpoints of this log (its ECDSA verifier key)
          serve --state DIR --urls URL                  serve POST /add-checkpoint and GET /checkpoint?origin=
          show  --state DIR                             print the witness key and each log's latest checkpoint
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length == 0 || Options(args[1..]) is not { } options || !options.TryGetValue("state", out var folder))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var state = new StateFolder(folder);
        try
        {
            switch (args[0], options.GetValueOrDefault("name"), options.GetValueOrDefault("origin"),
                options.GetValueOrDefault("log-key"), options.GetValueOrDefault("urls"))
            {
                case ("init", { } name, null, null, null):
                    await output.WriteLineAsync(WitnessKeyFile.Create(state, name).Key.VerifierKeyText());
                    await error.WriteLineAsync($"见证人已创建 / witness created in {state.Path}");
                    return 0;
                case ("trust", null, { } origin, { } logKey, null):
                    var added = TrustedLogs.Add(state, origin, logKey);
                    await error.WriteLineAsync($"{(added ? "已信任 / trusted" : "已在信任列表 / already trusted")}: {origin}");
                    return 0;
                case ("serve", null, null, null, { } urls):
                    await Serve(state, urls, output);
                    return 0;
                case ("show", null, null, null, null):
                    await Show(state, output);
                    return 0;
                default:
                    await error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (WitnessSetupException refused)
        {
            await error.WriteLineAsync(refused.Message);
            return 1;
        }
    }

    private static async Task Serve(StateFolder state, string urls, TextWriter output)
    {
        var builder = WitnessServer.CreateBuilder(state.Path, SystemClock.Instance);
        builder.WebHost.UseUrls(urls);
        await using var app = builder.Build();
        WitnessServer.Map(app);
        await app.StartAsync();
        // The bound addresses, so that a port of 0 (any free port) can be found by whoever started the witness.
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        await output.WriteLineAsync($"witness {app.Services.GetRequiredService<CheckpointWitness>().Cosigner.Key.VerifierKeyText()}");
        await output.WriteLineAsync($"listening on {string.Join(' ', addresses)}");
        await output.FlushAsync();
        await app.WaitForShutdownAsync();
    }

    private static async Task Show(StateFolder state, TextWriter output)
    {
        await output.WriteLineAsync($"witness {WitnessKeyFile.Load(state).Key.VerifierKeyText()}");
        foreach (var origin in TrustedLogs.Load(state).Select(log => log.Origin).Distinct(StringComparer.Ordinal))
        {
            var held = LogRecord.Read(state, origin);
            await output.WriteLineAsync(held is null
                ? $"log {origin}: nothing cosigned yet"
                : $"log {origin}: size {held.TreeSize}, root {held.RootHash} ({state.LogFile(origin)})\n{held.Checkpoint}");
        }
    }

    /// <summary>"--option value" pairs of the known options, each once; null for anything else.</summary>
    private static Dictionary<string, string>? Options(string[] args)
    {
        string[] known = ["--state", "--name", "--origin", "--log-key", "--urls"];
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !known.Contains(args[i]) || !options.TryAdd(args[i][2..], args[i + 1]))
            {
                return null;
            }
        }

        return options;
    }
}
