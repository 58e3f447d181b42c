using System.Text.Json;
using System.Text.RegularExpressions;
using Alba;
using FairDraw.Api.Demo;
using FairDraw.Api.Draws;
using FairDraw.Api.InspectionResults;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Directories;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;

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
        var shown = first.StandardOutput;
        Assert.DoesNotContain("for commands", shown); // JasperFx's command discovery goes to stderr
        Assert.Contains("item list 2021版: 91 items loaded", shown);
        Assert.Contains("entity directory: 50000 registered, 0 already loaded", shown);
        Assert.Contains($"task {DemoDraw.TaskId} drawn: pool", shown);
        Assert.Contains("0 infeasible", shown);
        var lines = shown.Split('\n');
        Assert.Contains($"  dotnet src/Api/bin/Release/net10.0/FairDraw.Api.dll verify-draw {DemoDraw.TaskId} --evidence evidence.json", lines); // not wrapped in a pipe
        Assert.Contains(lines, line => line.StartsWith("  node verifier/draw-verifier.mjs evidence.json ", StringComparison.Ordinal) && line.EndsWith("browser)", StringComparison.Ordinal));
        // A token per role, the joint task's partner official, and an inspector's.
        Assert.Equal(9, Regex.Matches(first.Output, @"^eyJ[\w-]+\.[\w-]+\.[\w-]+$", RegexOptions.Multiline).Count);

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
            // The demo's drand value is a real beacon (the fixture's, with its source), and its BLS signature verifies.
            Assert.Equal((DrandBeacons.June2022.Round, DrandBeacons.June2022.Signature, DrandBeacons.June2022.PreviousSignature), DemoDraw.Beacon);
            Assert.Contains($"  pass drand signature drand — default round {DemoDraw.Beacon.Round}", independent.Output);
        }
        finally
        {
            File.Delete(bundlePath);
        }

        await TheDirectoriesAndTheListLineUpWithTheDrawByTime();
        Assert.Matches(@"results of \S+ and joint task \S+: \d+ recorded, \d+ published \(\d+ late\), 1 exempted, \d+ follow-ups", shown);
        await TheResultsFillTheStatisticsOfBothDepartments();

        var second = await fixture.RunApiAsync("demo");
        Assert.True(second.ExitCode == 0, second.Output);
        var again = second.StandardOutput;
        Assert.Contains("item list 2021版: 0 items loaded (already loaded)", again);
        Assert.Contains("entity directory: 0 registered, 50000 already loaded", again);
        Assert.Contains("inspector directory: 0 enrolled", again);
        Assert.Contains($"task {DemoDraw.TaskId} drawn (already drawn)", again);
        Assert.Contains("already loaded", again.Split('\n').Single(line => line.StartsWith("results of", StringComparison.Ordinal)));
    }

    /// <summary>
    /// The demo carries its tasks through (一公开): results entered for every drawn object and item, most published, a few
    /// late, one exempt, follow-ups some open; and joint task 03's partner department has results of its own.
    /// </summary>
    private async Task TheResultsFillTheStatisticsOfBothDepartments()
    {
        var report = (await fixture.Host.GetAsJson<ResultStatisticsReport>(
            "/api/statistics/results?year=2021&jurisdiction=520100", fixture.Token(Role.Auditor)))!;
        var lead = report.Rows.Single(row => row.Total && row.Department == "信用监管处");
        var partner = report.Rows.Single(row => row.Total && row.Department == DemoDraw.FoodDepartment);
        foreach (var row in new[] { lead, partner })
        {
            Assert.True(row.ObjectsDrawn > 0 && row.ResultsEntered == row.ResultsExpected, row.ToString());
            Assert.True(row.Published > row.ResultsEntered / 2 && row.Approved < row.ResultsEntered, row.ToString());
        }

        Assert.True(lead.PublishedLate > 0 && lead.PublishedOnTime > lead.PublishedLate, lead.ToString());
        Assert.Equal(1, lead.Exempted + partner.Exempted);
        Assert.True(lead.FollowUpsOpened > lead.FollowUpsClosed && lead.FollowUpsClosed > 0, lead.ToString());
    }

    /// <summary>
    /// A newcomer's as-of queries by time: the 2021版 list is in force in 2021, and the directory as of the freeze's
    /// instant holds the entities the draw selected from its pool (and none before the directory was loaded).
    /// </summary>
    private async Task TheDirectoriesAndTheListLineUpWithTheDrawByTime()
    {
        var auditor = fixture.Token(Role.Auditor);
        using var coverage = JsonDocument.Parse(await fixture.Host.GetAsText("/api/statistics/coverage?year=2021&jurisdiction=520100", auditor));
        var list = coverage.RootElement.GetProperty("items").EnumerateArray()
            .Single(item => item.GetProperty("itemListVersion").GetString() == DemoItemList.Version);
        Assert.True(list.GetProperty("inForce").GetBoolean(), list.ToString());
        Assert.Equal(91, list.GetProperty("covered").GetInt32());

        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var round = (await TaskDraws.LoadAsync(session, DemoDraw.TaskId)).State!.Current;
        var frozenAt = InstantPattern.ExtendedIso.Format(round.Pool.FrozenAt);
        var selected = round.Execution!.Selected;
        Assert.NotEmpty(selected);
        foreach (var entity in selected)
        {
            var then = await fixture.Host.GetAsJson<EntityRevision>($"/api/entities/{entity.EntityId}?asOf={frozenAt}", auditor);
            Assert.Equal(entity.EntityId, then!.Uscc);
        }

        var beforeLoading = InstantPattern.ExtendedIso.Format(DemoClock.EntitiesImported - Duration.FromSeconds(1));
        await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/entities/{selected[0].EntityId}?asOf={beforeLoading}");
            s.As(auditor);
            s.StatusCodeShouldBe(404);
        });
    }
}
