using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Integrity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// The auditors' command line, run as its own process (the API's own entry point, as `dotnet FairDraw.Api.dll`) against
/// this collection's ledger: `verify-draw` passes an intact draw with exit code 0 and writes its evidence bundle, which
/// the independent JavaScript verifier (`node verifier/draw-verifier.mjs`) verifies as this build wrote it and refuses
/// once tampered; and `verify-draw` fails a draw whose directory was edited behind the ledger with a non-zero exit code,
/// naming the check.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class VerifyingFromTheCommandLine(DrawHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Verify_draw_exits_zero_on_an_intact_draw_and_non_zero_naming_the_failed_check_on_an_edited_directory()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        await fixture.CheckpointAsync();
        var bundlePath = Path.Combine(Path.GetTempPath(), $"fairdraw-evidence-{Guid.NewGuid():N}.json");
        try
        {
            var intact = await fixture.RunApiAsync("verify-draw", DrawHost.TaskId, "--evidence", bundlePath);
            Assert.True(intact.ExitCode == 0, intact.Output);
            Assert.Contains("draw verified", intact.Output);
            using (var bundle = JsonDocument.Parse(await File.ReadAllBytesAsync(bundlePath)))
            {
                Assert.True(bundle.RootElement.GetProperty("verification").GetProperty("passed").GetBoolean());
            }

            var trustedKey = fixture.Host.Services.GetRequiredService<CheckpointSigner>().PublicKeyText();
            var independent = await CommandLine.RunJavaScriptVerifierAsync(bundlePath, trustedKey);
            Assert.True(independent.ExitCode == 0, independent.Output);
            Assert.Contains("verified in", independent.Output);
            Assert.DoesNotContain("FAIL", independent.Output);

            // Another entity of the pool put in place of the first selected one.
            var tamperedBundle = JsonNode.Parse(await File.ReadAllTextAsync(bundlePath))!;
            var selected = tamperedBundle["outputs"]!["selected"]!.AsArray().Select(entity => (string)entity!["entityId"]!).ToHashSet();
            var unselected = tamperedBundle["inputs"]!["entities"]!.AsArray().Select(entity => (string)entity!["id"]!).First(id => !selected.Contains(id));
            tamperedBundle["outputs"]!["selected"]![0]!["entityId"] = unselected;
            var tamperedPath = bundlePath + ".tampered.json";
            await File.WriteAllTextAsync(tamperedPath, tamperedBundle.ToJsonString());
            var refused = await CommandLine.RunJavaScriptVerifierAsync(tamperedPath, trustedKey);
            File.Delete(tamperedPath);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("NOT verified", refused.Output);

            await using (var edit = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
                $"update {fixture.Schema}.mt_doc_entityrevision set data = jsonb_set(data, '{{RiskClass}}', '\"D\"') where uscc = @uscc"))
            {
                edit.Parameters.AddWithValue("uscc", fixture.Entities[0]);
                Assert.Equal(1, await edit.ExecuteNonQueryAsync());
            }

            var tampered = await fixture.RunApiAsync("verify-draw", DrawHost.TaskId);
            Assert.NotEqual(0, tampered.ExitCode);
            Assert.Contains("first failure: entity-pool", tampered.Output);
        }
        finally
        {
            File.Delete(bundlePath);
        }
    }

    [Fact]
    public async Task The_draw_verb_writes_only_with_a_valid_token_whose_role_may_take_the_step()
    {
        var missing = await fixture.RunApiAsync("draw", "freeze", DrawHost.TaskId);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("the token is not valid", missing.Output);

        var forged = await fixture.RunApiAsync("draw", "freeze", DrawHost.TaskId, "--token", fixture.FoodDivision[..^4] + "AAAA");
        Assert.NotEqual(0, forged.ExitCode);
        Assert.Contains("the token is not valid", forged.Output);

        var inspector = await fixture.RunApiAsync("draw", "freeze", DrawHost.TaskId, "--token", fixture.Token(Role.Inspector));
        Assert.NotEqual(0, inspector.ExitCode);
        Assert.Contains("Forbidden", inspector.Output);
        await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/tasks/{DrawHost.TaskId}/draw");
            s.StatusCodeShouldBe(HttpStatusCode.NotFound); // nothing was drawn
        });

        var misspelt = Path.Combine(Path.GetTempPath(), $"fairdraw-body-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(misspelt, """{"reson":"第2轮"}""");
        try
        {
            var refused = await fixture.RunApiAsync("draw", "freeze", DrawHost.TaskId, "--token", fixture.FoodDivision, "--body", misspelt);
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("'reson' could not be mapped", refused.Output);
            Assert.DoesNotContain("   at ", refused.Output); // a message, not a stack trace

            await File.WriteAllTextAsync(misspelt, """{"reason":"第2轮","reason":"第3轮"}""");
            var twice = await fixture.RunApiAsync("draw", "freeze", DrawHost.TaskId, "--token", fixture.FoodDivision, "--body", misspelt);
            Assert.NotEqual(0, twice.ExitCode);
            Assert.Contains("Duplicate property 'reason'", System.Text.RegularExpressions.Regex.Replace(twice.Output, @"\s+", " "));
        }
        finally
        {
            File.Delete(misspelt);
        }

        var division = await fixture.RunApiAsync("draw", "freeze", DrawHost.TaskId, "--token", fixture.FoodDivision);
        Assert.True(division.ExitCode == 0, division.Output);
        Assert.Contains("PoolFrozen recorded", division.Output);
        var frozen = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!;
        Assert.Equal("food-division", Assert.Single(frozen.Rounds).Pool.FrozenBy);
    }
}
