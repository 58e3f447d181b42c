using System.Net;
using Alba;
using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Integrity;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using FairDraw.Projections.Storage;
using Npgsql;
using NodaTime;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// Verification covers every round of a task and names each round's state: a set-aside executed round still verifies on
/// its own and makes the task's outcome "attention"; a newest round still in progress is "pending", never a failure; a
/// published round whose sources were never recorded lapses by the clock (and the cached answer with it) to "attention".
/// Until the countersigned set-aside step exists, the set-aside is appended to the task stream directly.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class VerifyingEveryRound(DrawHost fixture) : IAsyncLifetime
{
    private static readonly string Verification = $"/api/tasks/{DrawHost.TaskId}/draw/verification";

    public Task InitializeAsync() => fixture.SeedAsync();

    /// <summary>
    /// Exports a round's evidence bundle and runs the JavaScript verifier's command line on it, expecting the outcome
    /// and state it prints; also writes it as the verifier's fixture <paramref name="fixtureName"/> when
    /// EVIDENCE_FIXTURE_WRITE=1.
    /// </summary>
    private async Task ExportAndVerifyAsync(int round, string fixtureName, string outcome, string state)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(
            await (await fixture.Host.Scenario(s => s.Get.Url($"/api/tasks/{DrawHost.TaskId}/draw/evidence?round={round}"))).ReadAsTextAsync());
        var path = Path.Combine(Path.GetTempPath(), $"fairdraw-{Guid.NewGuid():N}.json");
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            var independent = await CommandLine.RunJavaScriptVerifierAsync(path, fixture.Host.Services.GetRequiredService<CheckpointSigner>().PublicKeyText());
            Assert.True(independent.ExitCode == 0, independent.Output);
            Assert.StartsWith($"{outcome} {DrawHost.TaskId} round {round} ({state})", independent.Output);
            Assert.DoesNotContain("FAIL", independent.Output);
        }
        finally
        {
            File.Delete(path);
        }

        if (Environment.GetEnvironmentVariable("EVIDENCE_FIXTURE_WRITE") == "1")
        {
            await File.WriteAllBytesAsync(Path.Combine(Repository.Root, "verifier", "fixtures", fixtureName), bytes);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(TaskVerification Task, string ETag)> VerifyAsync()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url(Verification);
            s.StatusCodeShouldBeOk();
        });
        return ((await result.ReadAsJsonAsync<TaskVerification>())!, result.Context.Response.Headers.ETag.ToString());
    }

    [Fact]
    public async Task A_set_aside_executed_round_verifies_on_its_own_and_the_task_needs_attention_while_the_new_round_is_pending()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        await fixture.SetAsideAndRedrawAsync(DrawHost.TaskId, 1, fixture.FoodDivision);

        var (task, _) = await VerifyAsync();
        Assert.Equal(RoundOutcome.Attention, task.Outcome);
        Assert.Equal(
            [(1, RoundState.SetAside, RoundOutcome.Attention), (2, RoundState.Committed, RoundOutcome.Pending)],
            task.Rounds.Select(round => (round.Round, round.State, round.Outcome)));

        var setAside = task.Rounds[0];
        Assert.True(setAside.Passed, setAside.FirstFailure);
        Assert.All(setAside.Checks, check => Assert.Equal(CheckOutcome.Pass, check.Outcome));
        Assert.Equal("credit-office", setAside.SetAside!.ApprovedBy);
        Assert.Contains("the drawn park was closed", setAside.Note);

        var pending = task.Rounds[1];
        Assert.DoesNotContain(pending.Checks, check => check.Outcome == CheckOutcome.Fail);
        Assert.Null(pending.FirstFailure);
        Assert.Equal("进行中 / in progress: committed", pending.Note);
        Assert.Equal(
            "the round (committed) was never published",
            pending.Checks.Single(check => check.Name == "publication").Detail);

        // One round on its own answers as before, with its state; the draw read names every round's state.
        var one = (await (await fixture.Host.Scenario(s => s.Get.Url(Verification + "?round=1"))).ReadAsJsonAsync<DrawReport>())!;
        Assert.Equal((RoundState.SetAside, RoundOutcome.Attention, true), (one.State, one.Outcome, one.Passed));
        var read = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!;
        Assert.Equal([RoundState.SetAside, RoundState.Committed], read.States);

        // Each round's evidence bundle exports; the JavaScript verifier names the set-aside round's state and outcome
        // from the signed records alone. It runs on the real clock: round 2, never published, has lapsed there.
        await ExportAndVerifyAsync(1, "evidence-bundle-set-aside.json", "ATTENTION", "set-aside");
        await ExportAndVerifyAsync(2, "evidence-bundle-in-progress.json", "ATTENTION", "lapsed");
    }

    [Fact]
    public async Task A_tampered_set_aside_round_still_fails()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        await fixture.SetAsideAndRedrawAsync(DrawHost.TaskId, 1, fixture.FoodDivision);
        await using (var edit = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            $"update {fixture.Schema}.mt_doc_entityrevision set data = jsonb_set(data, '{{RiskClass}}', '\"D\"') where uscc = @uscc"))
        {
            edit.Parameters.AddWithValue("uscc", fixture.Entities[0]);
            Assert.Equal(1, await edit.ExecuteNonQueryAsync());
        }

        var (task, _) = await VerifyAsync();
        Assert.Equal(RoundOutcome.Fail, task.Outcome);
        Assert.Equal((RoundState.SetAside, RoundOutcome.Fail), (task.Rounds[0].State, task.Rounds[0].Outcome));
        Assert.StartsWith("entity-pool:", task.Rounds[0].FirstFailure);
    }

    [Fact]
    public async Task A_published_round_without_randomness_is_pending_until_it_lapses_and_then_needs_attention()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "randomness");
        await fixture.CheckpointAsync();

        var (before, etag) = await VerifyAsync();
        Assert.Equal(RoundOutcome.Pending, before.Outcome);
        Assert.Equal(RoundState.Published, before.Rounds[0].State);

        // The latest source, the drand round, resolves at 09:23 UTC on 25 June 2022; 72 hours later the fallback lapses the round.
        fixture.Clock.Reset(Instant.FromUtc(2022, 6, 28, 9, 23));
        var lapsed = await fixture.Host.Scenario(s =>
        {
            s.Get.Url(Verification);
            s.WithRequestHeader("If-None-Match", etag);
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });
        Assert.NotEqual(etag, lapsed.Context.Response.Headers.ETag.ToString());
        var after = (await lapsed.ReadAsJsonAsync<TaskVerification>())!;
        Assert.Equal(RoundOutcome.Attention, after.Outcome);
        var round = Assert.Single(after.Rounds);
        Assert.Equal((RoundState.Lapsed, RoundOutcome.Attention), (round.State, round.Outcome));
        Assert.DoesNotContain(round.Checks, check => check.Outcome == CheckOutcome.Fail);
        Assert.Contains("lapsed unexecuted at 2022-06-28T09:23:00Z", round.Note);
        Assert.Contains("the values its sources resolved to are not recorded", round.Note);
        Assert.Null(round.WouldBe);

        // The drawing department may not record the lapsed round's values; the credit office records them, once.
        var values = DrawRequests.Url(DrawHost.TaskId, "rounds/1/lapsed-values");
        await fixture.PostAsync(values, DrawRequests.Values, fixture.FoodDivision, HttpStatusCode.Forbidden);
        await fixture.PostAsync(values, DrawRequests.Values, fixture.CreditOfficeApproval());
        await fixture.PostAsync(values, DrawRequests.Values, fixture.CreditOfficeApproval(), HttpStatusCode.Conflict);
        await fixture.CheckpointAsync();

        var resolved = Assert.Single((await VerifyAsync()).Task.Rounds);
        Assert.Equal((RoundState.Lapsed, RoundOutcome.Attention), (resolved.State, resolved.Outcome));
        Assert.DoesNotContain(resolved.Checks, check => check.Outcome == CheckOutcome.Fail);
        Assert.Contains("would have drawn the 16 entities in wouldBe (never executed)", resolved.Note);
        Assert.Equal(
            [("A", 4), ("B", 6), ("C", 4), ("D", 2)],
            resolved.WouldBe!.GroupBy(entity => entity.Stratum).Select(stratum => (stratum.Key, stratum.Count())));

        // The JavaScript verifier computes the same would-be sample from the bundle's signed records.
        await ExportAndVerifyAsync(1, "evidence-bundle-lapsed.json", "ATTENTION", "lapsed");
    }

    [Fact]
    public async Task A_round_that_has_not_lapsed_takes_no_lapsed_values()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "randomness");
        fixture.Clock.Reset(DrawRequests.SourcesResolved);
        var refused = await fixture.PostAsync(
            DrawRequests.Url(DrawHost.TaskId, "rounds/1/lapsed-values"), DrawRequests.Values, fixture.CreditOfficeApproval(), HttpStatusCode.Conflict);
        Assert.Contains("not a lapsed round", await refused.ReadAsTextAsync());
    }

    [Fact]
    public async Task Verify_draw_prints_every_round_and_exits_zero_when_a_round_needs_attention()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        await fixture.SetAsideAndRedrawAsync(DrawHost.TaskId, 1, fixture.FoodDivision);

        // The command runs on the real clock, long after round 2's sources: it has lapsed there, so no round is pending.
        var run = await fixture.RunApiAsync("verify-draw", DrawHost.TaskId);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains($"task {DrawHost.TaskId}, round 1 (set-aside): attention", run.Output);
        Assert.Contains($"task {DrawHost.TaskId}, round 2 (lapsed): attention", run.Output);
        Assert.Contains("draw verified; attention: round(s) 1, 2", run.Output);
    }

    [Fact]
    public async Task Redraws_and_lapses_appear_in_the_adjustment_statistics_per_official_and_per_task()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        await fixture.SetAsideAndRedrawAsync(DrawHost.TaskId, 1, fixture.FoodDivision);
        fixture.Clock.Reset(Instant.FromUtc(2022, 7, 6, 0, 0)); // round 2 was never published: lapsed at its PublishBy

        const string Query = "?year=2021&jurisdiction=520100";
        var officials = await fixture.Host.GetAsJson<OfficialAdjustments[]>("/api/statistics/draw-adjustments" + Query, fixture.Token(Role.Auditor));
        Assert.Equal(
            [new OfficialAdjustments("food-division", 1, 0, 0, 0, 0, RoundsSetAside: 1, Lapses: 1), new OfficialAdjustments("credit-office", 0, 0, 0, 0, 0, SetAsidesApproved: 1)],
            officials!);
        var tasks = await fixture.Host.GetAsJson<TaskRounds[]>("/api/statistics/draw-adjustments/tasks" + Query, fixture.Token(Role.Auditor));
        Assert.Equal([new TaskRounds(DrawHost.TaskId, 2, 1, 1, 0)], tasks!);
    }
}
