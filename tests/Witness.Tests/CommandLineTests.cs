using System.Diagnostics;
using System.Net;
using FairDraw.Ledger.Integrity;
using FairDraw.Witness.Tests.Support;

namespace FairDraw.Witness.Tests;

/// <summary>The verbs init, trust, show and serve, as an operator runs them.</summary>
public sealed class CommandLineTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Init_makes_an_owner_only_folder_and_key_prints_the_verifier_key_and_never_overwrites()
    {
        using var log = new TestLog();
        await using var witness = await TestWitness.Start(log);
        var keyFile = Path.Combine(witness.Folder, "witness.key");
        var key = await File.ReadAllTextAsync(keyFile);

        var again = await TestWitness.Run("init", "--state", witness.Folder, "--name", "witness.example/test");

        Assert.Equal("witness.example/test", WitnessKey.Parse(witness.VerifierKey).Name);
        Assert.Equal(1, again.Code);
        Assert.Contains("exists already", again.Error, StringComparison.Ordinal);
        Assert.Equal(key, await File.ReadAllTextAsync(keyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(witness.Folder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(witness.Folder, "trusted-logs.json")));
    }

    [Fact]
    public async Task Trust_checks_the_log_key_and_origin_and_adds_a_log_once()
    {
        using var log = new TestLog();
        await using var witness = await TestWitness.Start();
        var trustedFile = Path.Combine(witness.Folder, "trusted-logs.json");

        var witnessKeyAsLogKey = await TestWitness.Run("trust", "--state", witness.Folder, "--origin", log.LogOrigin, "--log-key", witness.VerifierKey);
        var badOrigin = await TestWitness.Run("trust", "--state", witness.Folder, "--origin", "a\tb", "--log-key", log.VerifierKey);
        var first = await TestWitness.Run("trust", "--state", witness.Folder, "--origin", log.LogOrigin, "--log-key", log.VerifierKey);
        var trusted = await File.ReadAllTextAsync(trustedFile);
        var second = await TestWitness.Run("trust", "--state", witness.Folder, "--origin", log.LogOrigin, "--log-key", log.VerifierKey);

        Assert.Equal((1, 1, 0, 0), (witnessKeyAsLogKey.Code, badOrigin.Code, first.Code, second.Code));
        Assert.Contains("0x02", witnessKeyAsLogKey.Error, StringComparison.Ordinal);
        Assert.Contains(log.VerifierKey, trusted, StringComparison.Ordinal); // '+' unescaped: the file is read by people
        Assert.Equal(trusted, await File.ReadAllTextAsync(trustedFile));
        Assert.Contains("already trusted", second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_prints_the_witness_key_and_each_logs_latest_checkpoint()
    {
        using var log = new TestLog();
        using var quiet = new TestLog(origin: "quiet.example/log");
        await using var witness = await TestWitness.Start(log, quiet);
        var (body, note) = log.Request(0, 3);
        var line = await (await witness.Submit(body)).Content.ReadAsStringAsync();

        var (code, output, _) = await TestWitness.Run("show", "--state", witness.Folder);

        Assert.Equal(0, code);
        Assert.StartsWith($"witness {witness.VerifierKey}\n", output, StringComparison.Ordinal);
        Assert.Contains($"log {log.LogOrigin}: size 3, root {Convert.ToBase64String(log.Root(3))}", output, StringComparison.Ordinal);
        Assert.Contains(note + line, output, StringComparison.Ordinal);
        Assert.Contains("log quiet.example/log: nothing cosigned yet", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("init", "--state")]
    [InlineData("init", "--state", "x", "--name")]
    [InlineData("init", "--state", "x", "--name", "n", "--urls", "u")]
    [InlineData("serve", "--state", "x")]
    [InlineData("rotate", "--state", "x")]
    [InlineData("show", "--state", "x", "--colour", "red")]
    public async Task A_wrong_command_line_prints_the_usage_and_exits_2(params string[] args)
    {
        var (code, output, error) = await TestWitness.Run(args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("serve --state DIR --urls URL", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_server_on_the_same_state_folder_is_refused()
    {
        using var log = new TestLog();
        await using var witness = await TestWitness.Start(log);

        var second = await Record.ExceptionAsync(() => Alba.AlbaHost.For(WitnessServer.CreateBuilder(witness.Folder, witness.Clock), WitnessServer.Map));

        Assert.Contains("another witness process", second?.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The built program itself: init, trust and serve on any free port, then a checkpoint cosigned over HTTP.</summary>
    [Fact]
    public async Task The_program_serves_what_init_and_trust_set_up()
    {
        using var log = new TestLog();
        var folder = Path.Combine(Path.GetTempPath(), "witness-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var key = (await Program(folder, "init", "--name", "witness.example/process")).Trim();
            await Program(folder, "trust", "--origin", log.LogOrigin, "--log-key", log.VerifierKey);
            using var server = Start(folder, "serve", "--urls", "http://127.0.0.1:0");
            try
            {
                Assert.Equal($"witness {key}", await server.StandardOutput.ReadLineAsync());
                var address = (await server.StandardOutput.ReadLineAsync())!.Split(' ')[^1];
                using var client = new HttpClient { BaseAddress = new Uri(address) };
                var (body, note) = log.Request(0, 2);

                using var response = await client.PostAsync(new Uri("/add-checkpoint", UriKind.Relative), new StringContent(body));

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.True(Cosignatures.Check(note + await response.Content.ReadAsStringAsync(), WitnessPolicy.Parse([key], 1)).Met);
            }
            finally
            {
                server.Kill();
                await server.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> Program(string folder, params string[] args)
    {
        using var process = Start(folder, args);
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        return output;
    }

    /// <summary>Runs <c>dotnet FairDraw.Witness.dll VERB --state FOLDER …</c>; <paramref name="args"/> starts with the verb.</summary>
    private static Process Start(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { typeof(WitnessServer).Assembly.Location, args[0], "--state", folder }.Concat(args[1..]))
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }
}
