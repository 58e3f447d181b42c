using System.Text.Json;
using System.Text.RegularExpressions;
using FairDraw.Api.Demo;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Integrity;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Demo;

public sealed class DemoHost() : LedgerHost("test_demo");

[CollectionDefinition(nameof(DemoCollection))]
public sealed class DemoCollection : ICollectionFixture<DemoHost>;

/// <summary>
/// The run command's `demo` verb, as its own process on an empty ledger: it loads the Guiyang directories, files the 2021
/// plan and draws its first task from pool to assignments, and the draw it prints how to verify does verify — by
/// `verify-draw` and by the independent JavaScript verifier on the evidence bundle. A second run loads nothing twice.
/// </summary>
[Collection(nameof(DemoCollection))]
public sealed class RunningTheDemo(DemoHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_demo_draws_a_2021_task_that_both_verifiers_pass_and_a_second_run_adds_nothing()
    {
        var first = await fixture.RunApiAsync("demo");
        Assert.True(first.ExitCode == 0, first.Output);
        var shown = Unwrapped(first.Output);
        Assert.Contains("item list 2021版: 91 items loaded", shown);
        Assert.Contains("entity directory: 50000 registered, 0 already loaded", shown);
        Assert.Contains($"task {DemoDraw.TaskId} drawn: pool", shown);
        Assert.Contains("0 infeasible", shown);
        Assert.Contains($"verify-draw {DemoDraw.TaskId} --evidence evidence.json", shown);
        Assert.Contains("node verifier/draw-verifier.mjs evidence.json", shown);
        Assert.Equal(8, Regex.Matches(first.Output, @"^eyJ[\w-]+\.[\w-]+\.[\w-]+$", RegexOptions.Multiline).Count); // a token per role, and an inspector's

        await fixture.CheckpointAsync(); // the demo's last events inside a signed checkpoint, as the server's worker would do
        var bundlePath = Path.Combine(Path.GetTempPath(), $"fairdraw-demo-evidence-{Guid.NewGuid():N}.json");
        try
        {
            var verified = await fixture.RunApiAsync("verify-draw", DemoDraw.TaskId, "--evidence", bundlePath);
            Assert.True(verified.ExitCode == 0, verified.Output);
            using (var bundle = JsonDocument.Parse(await File.ReadAllBytesAsync(bundlePath)))
            {
                Assert.NotEmpty(bundle.RootElement.GetProperty("outputs").GetProperty("assignments").EnumerateArray());
            }

            var trustedKey = fixture.Host.Services.GetRequiredService<CheckpointSigner>().PublicKeyText();
            var independent = await CommandLine.RunJavaScriptVerifierAsync(bundlePath, trustedKey);
            Assert.True(independent.ExitCode == 0, independent.Output);
            Assert.DoesNotContain("FAIL", independent.Output);
        }
        finally
        {
            File.Delete(bundlePath);
        }

        var second = await fixture.RunApiAsync("demo");
        Assert.True(second.ExitCode == 0, second.Output);
        var again = Unwrapped(second.Output);
        Assert.Contains("item list 2021版: 0 items loaded (already loaded)", again);
        Assert.Contains("entity directory: 0 registered, 50000 already loaded", again);
        Assert.Contains("inspector directory: 0 enrolled", again);
        Assert.Contains($"task {DemoDraw.TaskId} drawn (already drawn)", again);
    }

    /// <summary>The output with every run of white space as one space: the console wraps long lines at its width.</summary>
    private static string Unwrapped(string output) => Regex.Replace(output, @"\s+", " ");
}
