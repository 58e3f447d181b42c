using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FairDraw.Api.Tests.Draws;

/// <summary>A task drawn over HTTP from its filed plan to its assignments, then verified from the ledger by anyone.</summary>
[Collection(nameof(DrawCollection))]
public sealed class DrawingATask(DrawHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<DrawReport> VerifyAnonymouslyAsync()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/tasks/{DrawHost.TaskId}/draw/verification");
            s.StatusCodeShouldBeOk();
        });
        return (await result.ReadAsJsonAsync<TaskVerification>())!.Rounds[^1];
    }

    /// <summary>Also writes verifier/fixtures/evidence-bundle.json (the JavaScript verifier's fixture) when EVIDENCE_FIXTURE_WRITE=1.</summary>
    [Fact]
    public async Task A_complete_draw_with_adjustments_verifies_from_the_ledger_and_exports_its_evidence()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        var drawn = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!.Current;
        var gone = drawn.Execution!.Selected[^1].EntityId;
        await fixture.AdjustAsync(DrawHost.TaskId, "substitutions", new SubstituteEntity(gone, "经营场所无法联系 / unreachable", "现场核查记录"), fixture.FoodDivision, fixture.CreditOfficeApproval());
        var walk = drawn.Assignment!.Assignments.First(w => w.EntityId != gone && w.Candidates.Count(c => c.Decision == CandidateDecision.Assigned) == 2);
        var removed = walk.Candidates.First(c => c.Decision == CandidateDecision.Assigned).InspectorId;
        await fixture.AdjustAsync(DrawHost.TaskId, "reassignments", new ReassignInspector(walk.EntityId, removed, "unavailable", null, "检查员长期病假", "病假证明"), fixture.FoodDivision, fixture.CreditOfficeApproval());
        await fixture.CheckpointAsync();

        var report = await VerifyAnonymouslyAsync();
        Assert.True(report.Passed, report.FirstFailure);
        Assert.All(report.Checks, check => Assert.Equal(CheckOutcome.Pass, check.Outcome));

        var file = await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/tasks/{DrawHost.TaskId}/draw/evidence");
            s.StatusCodeShouldBeOk();
        });
        var bytes = System.Text.Encoding.UTF8.GetBytes(await file.ReadAsTextAsync());
        var bundle = JsonSerializer.Deserialize<EvidenceBundle>(bytes, EvidenceBundle.Json)!;
        Assert.Equal(EvidenceBundle.FormatName, bundle.Format);
        Assert.Equal(160, bundle.Inputs.Entities.Count);
        Assert.Equal(
            ["PoolFrozen", "DrawCommitted", "CommitmentPublished", "RandomnessRecorded", "LotteryValuesConfirmed", "DrawExecuted", "InspectorsAssigned", "EntitySubstituted", "InspectorReassigned"],
            bundle.Events.Select(e => e.Receipt is null ? "missing" : TypeOf(e.Type)));
        Assert.Equal(["substitution", "reassignment"], bundle.Outputs.Adjustments.Select(a => a.Kind));
        Assert.All(bundle.Events, e => Assert.Null(e.Receipt!.Verify(bundle.LedgerKey).Failure));
        Assert.Contains("# DRAW-v1", bundle.Spec);
        if (Environment.GetEnvironmentVariable("EVIDENCE_FIXTURE_WRITE") == "1")
        {
            await File.WriteAllBytesAsync(Path.Combine(Repository.Root, "verifier", "fixtures", "evidence-bundle.json"), bytes);
        }
    }

    [Fact]
    public async Task The_sample_follows_the_plan_ratios_and_every_object_gets_two_inspectors_from_different_units()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        var draw = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!;
        var round = Assert.Single(draw.Rounds);

        // 160 enterprises: A 40, B 60, C 40, D 20; ratio 1/10 → 4, 6, 4, 2.
        Assert.Equal([("A", 40, 4L), ("B", 60, 6L), ("C", 40, 4L), ("D", 20, 2L)], round.Execution!.Strata.Select(s => (s.Stratum, s.PoolSize, s.SampleSize)));
        Assert.Equal(16, round.Assignment!.Assignments.Count);
        foreach (var walk in round.Assignment.Assignments.Where(w => round.Assignment.Infeasible.All(i => i.EntityId != w.EntityId)))
        {
            var assigned = walk.Candidates.Where(c => c.Decision == CandidateDecision.Assigned).Select(c => c.InspectorId).ToList();
            Assert.Equal(2, assigned.Count);
            Assert.DoesNotContain("GY520100-0012", assigned); // suspended: frozen as inactive
        }

        Assert.Contains(round.Assignment.Assignments.SelectMany(w => w.Candidates), c => c.Decision == CandidateDecision.Inactive && c.InspectorId == "GY520100-0012");
    }

    [Fact]
    public async Task Randomness_before_the_commitment_is_published_is_refused_with_409()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "commitment/publication");
        fixture.Clock.Reset(DrawRequests.SourcesResolved);
        var refused = await fixture.StepAsync(DrawHost.TaskId, "randomness", DrawRequests.Values, fixture.FoodDivision, HttpStatusCode.Conflict);
        Assert.Contains("published", await refused.ReadAsTextAsync());
    }

    [Fact]
    public async Task Publication_waits_for_a_signed_checkpoint_that_holds_the_commitment()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "commitment");
        await fixture.StepAsync(DrawHost.TaskId, "commitment", DrawRequests.Commitment(), fixture.FoodDivision);
        await fixture.StepAsync(DrawHost.TaskId, "commitment/publication", DrawRequests.Notice, fixture.FoodDivision, HttpStatusCode.Conflict);

        await fixture.CheckpointAsync();
        await fixture.StepAsync(DrawHost.TaskId, "commitment/publication", DrawRequests.Notice, fixture.FoodDivision);
    }

    [Fact]
    public async Task Of_two_concurrent_substitutions_of_a_drawn_entity_exactly_one_is_recorded_and_the_other_refused()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        var drawn = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!.Current;
        var gone = drawn.Execution!.Selected[0].EntityId;
        var approval = fixture.CreditOfficeApproval();

        var statuses = await fixture.Host.StatusesAsync(2, s =>
        {
            s.Post.Json(new SubstituteEntity(gone, "经营场所无法联系 / unreachable", "现场核查记录")).ToUrl(DrawRequests.Url(DrawHost.TaskId, "substitutions"));
            s.As(fixture.FoodDivision);
            s.WithRequestHeader(DrawEndpoints.ApprovalHeader, approval);
        });

        Concurrently.AssertOneWinner(statuses);
        var round = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!.Current;
        Assert.Equal(gone, Assert.IsType<EntitySubstituted>(Assert.Single(round.Adjustments)).ReplacedId);
    }

    [Theory]
    [InlineData("pool")]
    [InlineData("commitment")]
    [InlineData("commitment/publication")]
    [InlineData("randomness")]
    [InlineData("randomness/confirmation")]
    [InlineData("execution")]
    [InlineData("assignments")]
    public async Task Of_two_concurrent_attempts_at_a_step_exactly_one_wins_and_the_other_is_refused(string step)
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, step);
        object? body = step switch
        {
            "pool" => new FreezePool(null),
            "commitment" => DrawRequests.Commitment(),
            "commitment/publication" => DrawRequests.Notice,
            "randomness" => DrawRequests.Values,
            "randomness/confirmation" => DrawRequests.Confirmation,
            _ => null,
        };
        var token = step == "randomness/confirmation" ? fixture.CreditOfficeApproval() : fixture.FoodDivision;
        if (step == "randomness")
        {
            fixture.Clock.Reset(DrawRequests.SourcesResolved);
        }

        var statuses = await fixture.Host.StatusesAsync(2, s =>
        {
            if (body is null)
            {
                s.Post.Url(DrawRequests.Url(DrawHost.TaskId, step));
            }
            else
            {
                s.Post.Json(body).ToUrl(DrawRequests.Url(DrawHost.TaskId, step));
            }

            s.As(token);
        });

        Concurrently.AssertOneWinner(statuses);
        var draw = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!;
        var round = Assert.Single(draw.Rounds);
        Assert.NotNull(step switch
        {
            "pool" => round.Pool,
            "commitment" => round.Commitment,
            "commitment/publication" => round.Publication,
            "randomness" => round.Randomness,
            "randomness/confirmation" => round.Confirmation,
            "execution" => round.Execution,
            _ => (object?)round.Assignment,
        });
    }

    [Fact]
    public async Task A_directory_row_edited_behind_the_ledger_fails_the_pool_check_by_name()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        await using var edit = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            $"update {fixture.Schema}.mt_doc_entityrevision set data = jsonb_set(data, '{{RiskClass}}', '\"D\"') where uscc = @uscc");
        edit.Parameters.AddWithValue("uscc", fixture.Entities[0]);
        Assert.Equal(1, await edit.ExecuteNonQueryAsync());

        var report = await VerifyAnonymouslyAsync();
        Assert.False(report.Passed);
        Assert.StartsWith("entity-pool:", report.FirstFailure);
    }

    [Fact]
    public async Task An_inspector_row_edited_behind_the_ledger_fails_the_inspector_pool_check_by_name()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        var draw = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!;
        var inspector = draw.Current.Pool.Inspectors[0].Id;
        await using var edit = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            $"update {fixture.Schema}.mt_doc_inspectorrevision set data = jsonb_set(data, '{{Unit}}', '\"另一单位\"') where inspector_id = @id");
        edit.Parameters.AddWithValue("id", inspector);
        Assert.True(await edit.ExecuteNonQueryAsync() >= 1);

        var report = await VerifyAnonymouslyAsync();
        Assert.False(report.Passed);
        Assert.StartsWith("inspector-pool: the inspector pool rebuilt from the directory as of ledger position", report.FirstFailure);
        Assert.Contains($"frozen {inspector}, rebuilt {inspector}", report.FirstFailure);
    }

    [Fact]
    public async Task A_kept_pool_copy_edited_behind_the_ledger_stops_the_execution_and_nothing_is_drawn()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "execution");
        var dataSource = fixture.Superuser; // the guard's trigger refuses even a superuser, until it switches triggers off
        var parts = $"{fixture.Schema}.entity_pool_copy_parts";
        var swapLastDigit = $"update {parts} set bytes = set_byte(bytes, length(bytes) - 1, get_byte(bytes, length(bytes) - 1) # 1) where part = (select max(part) from {parts})";
        await using (var refused = dataSource.CreateCommand(swapLastDigit))
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => refused.ExecuteNonQueryAsync());
            Assert.Contains("append-only", error.MessageText);
        }

        await using (var edit = dataSource.CreateCommand(
            $"set session_replication_role = replica; {swapLastDigit}; set session_replication_role = origin"))
        {
            await edit.ExecuteNonQueryAsync();
        }

        var attempt = await fixture.Host.Scenario(s =>
        {
            s.Post.Url(DrawRequests.Url(DrawHost.TaskId, "execution"));
            s.As(fixture.FoodDivision);
            s.StatusCodeShouldBe(HttpStatusCode.Conflict);
        });

        using var problem = JsonDocument.Parse(await attempt.ReadAsTextAsync());
        Assert.Equal("pool", problem.RootElement.GetProperty("field").GetString());
        Assert.Contains("the ledger recorded", problem.RootElement.GetProperty("detail").GetString());
        var draw = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!;
        Assert.Null(draw.Current.Execution);
    }

    [Fact]
    public async Task A_round_whose_kept_copy_is_lost_executes_over_the_pool_rebuilt_from_the_directory()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "execution");
        await using (var lose = fixture.Superuser.CreateCommand(
            $"set session_replication_role = replica; delete from {fixture.Schema}.entity_pool_copy_parts; set session_replication_role = origin"))
        {
            await lose.ExecuteNonQueryAsync();
        }

        await using (var kept = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand($"select count(*) from {fixture.Schema}.entity_pool_copy_parts"))
        {
            Assert.Equal(0L, await kept.ExecuteScalarAsync());
        }

        await fixture.StepAsync(DrawHost.TaskId, "execution", null, fixture.FoodDivision);
        await fixture.CheckpointAsync();
        var report = await VerifyAnonymouslyAsync();
        Assert.Equal("ok", report.Checks.Single(check => check.Name == "selection").Detail);
    }

    [Fact]
    public async Task A_redraw_over_the_same_pool_keeps_one_copy_that_the_records_of_both_rounds_name()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        await fixture.AdjustAsync(DrawHost.TaskId, "set-aside", DrawRequests.SetAside, fixture.FoodDivision, fixture.CreditOfficeApproval());
        await fixture.StepAsync(DrawHost.TaskId, "pool", new FreezePool("抽中对象所在园区封闭管理 / the drawn park was closed"), fixture.FoodDivision);

        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var records = (await session.Events.FetchStreamAsync(StreamKeys.PoolCopy(DrawHost.TaskId))).Select(e => (PoolCopyKept)e.Data).ToList();
        Assert.Equal([1, 2], records.Select(record => record.Round));
        Assert.Single(records.Select(record => (record.EntityRoot, record.CopySha256)).Distinct());
        await using var kept = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            $"select distinct sha256 from {fixture.Schema}.entity_pool_copy_parts");
        Assert.Equal(records[0].CopySha256, await kept.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_redraw_is_a_second_round_with_its_reason_and_the_first_stays_visible()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        await fixture.AdjustAsync(DrawHost.TaskId, "set-aside", DrawRequests.SetAside, fixture.FoodDivision, fixture.CreditOfficeApproval());
        await fixture.StepAsync(DrawHost.TaskId, "pool", new FreezePool(null), fixture.FoodDivision, HttpStatusCode.BadRequest);
        await fixture.StepAsync(DrawHost.TaskId, "pool", new FreezePool("抽中对象所在园区封闭管理 / the drawn park was closed"), fixture.FoodDivision);

        var draw = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!;
        Assert.Equal(2, draw.Rounds.Count);
        Assert.NotNull(draw.Rounds[0].Assignment);
        Assert.Equal("抽中对象所在园区封闭管理 / the drawn park was closed", draw.Current.Pool.Reason);
    }

    [Fact]
    public async Task Substitutions_and_reassignments_are_recorded_with_their_approver_and_the_draw_still_verifies()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        var before = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!.Current;
        var gone = before.Execution!.Selected[0].EntityId;
        var deregistered = new SubstituteEntity(gone, "企业已注销 / deregistered", "注销登记通知书（2021）第7号");
        var unsigned = await fixture.AdjustAsync(DrawHost.TaskId, "substitutions", deregistered, fixture.FoodDivision, null, HttpStatusCode.BadRequest);
        Assert.Equal(DrawAdjustments.ApprovalField, (await unsigned.ReadAsJsonAsync<JsonElement>()).GetProperty("field").GetString());
        await fixture.AdjustAsync(DrawHost.TaskId, "substitutions", deregistered, fixture.FoodDivision, fixture.Token(Role.Inspector, "520100", "inspector-1"), HttpStatusCode.Forbidden);
        await fixture.AdjustAsync(DrawHost.TaskId, "substitutions", deregistered, fixture.FoodDivision, fixture.CreditOfficeApproval()[..^4] + "AAAA", HttpStatusCode.Forbidden);
        var substitution = await fixture.AdjustAsync(DrawHost.TaskId, "substitutions", deregistered, fixture.FoodDivision, fixture.CreditOfficeApproval());
        var substituted = (await substitution.ReadAsJsonAsync<EntitySubstituted>())!;
        Assert.Equal(gone, substituted.ReplacedId);
        Assert.Equal("credit-office", substituted.ApprovedBy);

        var walk = before.Assignment!.Assignments.First(w => w.EntityId != gone && w.Candidates.Count(c => c.Decision == CandidateDecision.Assigned) == 2);
        var removed = walk.Candidates.First(c => c.Decision == CandidateDecision.Assigned).InspectorId;
        var recused = new ReassignInspector(walk.EntityId, removed, "recused", null, "检查员申请回避", "回避申请表");
        await fixture.AdjustAsync(DrawHost.TaskId, "reassignments", recused, fixture.FoodDivision, fixture.FoodDivision, HttpStatusCode.BadRequest);
        await fixture.AdjustAsync(DrawHost.TaskId, "reassignments", recused, fixture.FoodDivision, fixture.CreditOfficeApproval());
        await ReassignManuallyAsync(before.Assignment.Assignments.First(w => w.EntityId != gone && w.EntityId != walk.EntityId && w.Candidates.Any(c => c.Decision == CandidateDecision.Assigned)));
        await fixture.CheckpointAsync();

        var report = await VerifyAnonymouslyAsync();
        Assert.True(report.Passed, report.FirstFailure);
        Assert.Equal("ok", report.Checks.Single(check => check.Name == "adjustments").Detail);

        var officials = await fixture.Host.GetAsJson<OfficialAdjustments[]>("/api/statistics/draw-adjustments?year=2021&jurisdiction=520100", fixture.Token(Role.Auditor));
        Assert.Equal(
            [new OfficialAdjustments("food-division", 1, 1, 2, 1, 0), new OfficialAdjustments("credit-office", 0, 0, 0, 0, 3)],
            officials!);
    }

    [Fact]
    public async Task The_coverage_statistics_show_the_task_drawn()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "end");
        var coverage = await fixture.Host.GetAsJson<JsonElement>("/api/statistics/coverage?year=2021&jurisdiction=520100", fixture.Token(Role.Auditor));
        var tasks = coverage.GetProperty("tasks").EnumerateArray().Select(t => (t.GetProperty("state").GetString(), t.GetProperty("tasks").GetInt32())).Where(t => t.Item2 > 0).ToList();
        Assert.Equal([("Assigned", 1)], tasks);
    }

    [Fact]
    public async Task Anyone_gets_the_verification_page_and_the_very_verifier_script_of_the_repository()
    {
        var page = await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/verify/{DrawHost.TaskId}");
            s.StatusCodeShouldBeOk();
            s.ContentTypeShouldBe("text/html; charset=utf-8");
        });
        var html = await page.ReadAsTextAsync();
        Assert.Contains("摇号核验", html);
        Assert.Contains("<script type=\"module\" src=\"/verify/assets/verify.js\"></script>", html);
        Assert.DoesNotContain("<style", html); // inline code and styles are refused by the page's policy

        var pageScript = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/verify/assets/verify.js");
            s.StatusCodeShouldBeOk();
            s.ContentTypeShouldBe("text/javascript; charset=utf-8");
        });
        Assert.Contains("import { verifyBundle } from '/verifier/draw-verifier.mjs'", await pageScript.ReadAsTextAsync());

        var script = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/verifier/draw-verifier.mjs");
            s.StatusCodeShouldBeOk();
            s.ContentTypeShouldBe("text/javascript; charset=utf-8");
        });
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "verifier", "draw-verifier.mjs")), await script.ReadAsTextAsync());

        // Its tickets and module workers, which it imports by relative path.
        var tickets = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/verifier/tickets.mjs");
            s.StatusCodeShouldBeOk();
            s.ContentTypeShouldBe("text/javascript; charset=utf-8");
        });
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "verifier", "tickets.mjs")), await tickets.ReadAsTextAsync());
    }

    /// <summary>
    /// 合理调整: the approver names a replacement for the walk's first assigned inspector. Inspectors that fail a check
    /// are refused with 400 (nothing written); the first that passes every check is recorded as a manual reassignment.
    /// </summary>
    private async Task ReassignManuallyAsync(EntityAssignmentRecord walk)
    {
        var removed = walk.Candidates.First(c => c.Decision == CandidateDecision.Assigned).InspectorId;
        foreach (var named in Enumerable.Range(1, 12).Select(i => $"GY520100-{i:D4}"))
        {
            var attempt = await fixture.Host.Scenario(s =>
            {
                s.Post.Json(new ReassignInspector(walk.EntityId, removed, "other", named, "检查员另有专案任务", "处室调度单")).ToUrl(DrawRequests.Url(DrawHost.TaskId, "reassignments"));
                s.As(fixture.FoodDivision);
                s.WithRequestHeader(DrawEndpoints.ApprovalHeader, fixture.CreditOfficeApproval());
                s.IgnoreStatusCode();
            });
            if (attempt.Context.Response.StatusCode == 200)
            {
                return;
            }

            Assert.Equal(400, attempt.Context.Response.StatusCode);
        }

        Assert.Fail("no inspector passes every check for a manual reassignment");
    }

    private static string TypeOf(string eventTypeName) =>
        string.Concat(eventTypeName.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
