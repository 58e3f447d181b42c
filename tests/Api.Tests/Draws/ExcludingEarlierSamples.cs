using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.Draws;
using FairDraw.Api.Plans;
using FairDraw.Api.Tests.Plans;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Plans;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// 减少重复检查: a task that excludes the entities inspected this year leaves out the sample of every earlier executed
/// draw of the same year that shares one of its items, records what it left out in its PoolFrozen event, and still
/// verifies from the ledger; a task without the rule, or without a shared item, keeps those entities in its pool.
/// The food division's T01 (05-01 food production, 160 enterprises, 1/10 per risk class) is drawn first; then the
/// inspection bureau's plan (2021-520100-SJJ) is filed with three tasks over the same 160 enterprises.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class ExcludingEarlierSamples(DrawHost fixture) : IAsyncLifetime
{
    private const string SecondPlanId = "2021-520100-SJJ";

    /// <summary>05-01 like T01, excluding the entities inspected this year.</summary>
    private const string Excluding = SecondPlanId + "-T02";

    /// <summary>05-01 like T01, without the exclusion rule.</summary>
    private const string NotExcluding = SecondPlanId + "-T03";

    /// <summary>The exclusion rule, but only 01-01 (annual reports), which T01 does not inspect.</summary>
    private const string NoSharedItem = SecondPlanId + "-T04";

    private static readonly Instant SecondFreeze = DrawRequests.SourcesResolved + Duration.FromHours(15);

    private static readonly Instant SecondSourcesResolved = DrandBeacons.September2023.Time + Duration.FromHours(1);

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Draws T01 to its execution (the clock ends when its drand round resolved), files the second plan and freezes its tasks the day after.</summary>
    private async Task<IReadOnlyList<string>> DrawFirstAndFreezeTheOthersAsync()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "assignments");
        var first = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!.Current;
        var sample = first.Sample();
        Assert.Equal(16, sample.Count);

        fixture.Clock.Reset(SecondFreeze);
        var plan = new DraftPlan(2021, "520100", "SJJ", "贵阳市市场监管综合行政执法支队", PlanHost.List,
        [
            PlanHost.FoodTask("T02", "1/10"),
            PlanHost.FoodTask("T03", "1/10") with { ExcludeInspectedThisYear = false },
            PlanHost.WholePoolTask("T04", "1/20", "01-01") with { ExcludeInspectedThisYear = true },
        ]);
        Assert.True(PlanHost.FoodTask().ExcludeInspectedThisYear);
        await fixture.PostAsync("/api/plans", plan, fixture.FoodDivision, HttpStatusCode.Created);
        await fixture.PostAsync($"/api/plans/{SecondPlanId}/filing", null, fixture.FoodDivision);
        foreach (var task in new[] { Excluding, NotExcluding, NoSharedItem })
        {
            await fixture.StepAsync(task, "pool", new FreezePool(null), fixture.FoodDivision);
        }

        return sample;
    }

    private async Task<PoolFrozen> FrozenAsync(string taskId) =>
        (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{taskId}/draw", fixture.FoodDivision))!.Current.Pool;

    /// <summary>The members of the round's frozen entity pool as the execution will read them (the kept copy).</summary>
    private async Task<IReadOnlySet<string>> MembersAsync(PoolFrozen pool)
    {
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var restored = await fixture.Host.Services.GetRequiredService<DrawPools>().RestoreAsync(session, pool, CancellationToken.None);
        Assert.Equal(pool.EntityRoot, Convert.ToHexStringLower(restored.Root));
        return restored.Members.Select(member => member.Id).ToHashSet(StringComparer.Ordinal);
    }

    [Fact]
    public async Task A_task_excluding_this_years_inspected_leaves_out_the_earlier_sample_records_it_and_verifies()
    {
        var sample = await DrawFirstAndFreezeTheOthersAsync();
        var pool = await FrozenAsync(Excluding);

        var excluded = Assert.Single(pool.Excluded);
        Assert.Equal((DrawHost.TaskId, 1, 16), (excluded.TaskId, excluded.Round, excluded.Count));
        Assert.Equal(160 - 16, pool.EntityCount);
        Assert.Equal([("A", 36), ("B", 54), ("C", 36), ("D", 18)], pool.Strata.Select(s => (s.Stratum, s.Count)));
        var members = await MembersAsync(pool);
        Assert.Equal(144, members.Count);
        Assert.All(sample, entity => Assert.DoesNotContain(entity, members));
        Assert.Equal(fixture.Entities.Except(sample).Order(StringComparer.Ordinal), members.Order(StringComparer.Ordinal));

        // The rest of the draw, after T01's sources, over new sources two days ahead; then anyone recomputes it.
        // 2022-06-28 is the 179th day of 2022: its 福彩3D issue lies between 164 and 179 (docs/draw-protocol.md §13).
        await fixture.StepAsync(Excluding, "commitment", DrawRequests.Commitment(DrandBeacons.September2023.Round, "2022-06-28", "2022170"), fixture.FoodDivision);
        await fixture.CheckpointAsync();
        await fixture.StepAsync(Excluding, "commitment/publication", DrawRequests.Notice, fixture.FoodDivision);
        fixture.Clock.Reset(SecondSourcesResolved);
        await fixture.StepAsync(Excluding, "randomness", new RecordRandomness([DrandBeacons.September2023.Input(), DrawRequests.Values.Values![1]]), fixture.FoodDivision);
        await fixture.ConfirmLotteryAsync(Excluding);
        await fixture.StepAsync(Excluding, "execution", null, fixture.FoodDivision);
        await fixture.StepAsync(Excluding, "assignments", null, fixture.FoodDivision);
        await fixture.CheckpointAsync();

        var second = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{Excluding}/draw", fixture.FoodDivision))!.Current;
        Assert.Equal([("A", 36, 4L), ("B", 54, 6L), ("C", 36, 4L), ("D", 18, 2L)], second.Execution!.Strata.Select(s => (s.Stratum, s.PoolSize, s.SampleSize)));
        Assert.Empty(second.Sample().Intersect(sample));

        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/tasks/{Excluding}/draw/verification");
            s.StatusCodeShouldBeOk();
        });
        var report = (await result.ReadAsJsonAsync<TaskVerification>())!.Rounds[^1];
        Assert.True(report.Passed, report.FirstFailure);
        Assert.All(report.Checks, check => Assert.Equal(CheckOutcome.Pass, check.Outcome));

        var file = await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/tasks/{Excluding}/draw/evidence");
            s.StatusCodeShouldBeOk();
        });
        var bundle = JsonSerializer.Deserialize<EvidenceBundle>(await file.ReadAsTextAsync(), EvidenceBundle.Json)!;
        Assert.Equal([excluded], bundle.Inputs.Excluded);
        Assert.Equal(members.Order(StringComparer.Ordinal), bundle.Inputs.Entities.Select(entity => entity.Id).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(NotExcluding)]
    [InlineData(NoSharedItem)]
    public async Task Without_the_rule_or_a_shared_item_the_earlier_sample_stays_in_the_pool(string taskId)
    {
        var sample = await DrawFirstAndFreezeTheOthersAsync();
        var pool = await FrozenAsync(taskId);

        Assert.Empty(pool.Excluded);
        Assert.Equal(160, pool.EntityCount);
        var members = await MembersAsync(pool);
        Assert.All(sample, entity => Assert.Contains(entity, members));
    }

    [Fact]
    public async Task Only_an_executed_earlier_draw_is_excluded()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "execution");
        fixture.Clock.Reset(SecondFreeze);
        await fixture.PostAsync("/api/plans", new DraftPlan(2021, "520100", "SJJ", "贵阳市市场监管综合行政执法支队", PlanHost.List, [PlanHost.FoodTask("T02", "1/10")]), fixture.FoodDivision, HttpStatusCode.Created);
        await fixture.PostAsync($"/api/plans/{SecondPlanId}/filing", null, fixture.FoodDivision);
        await fixture.StepAsync(Excluding, "pool", new FreezePool(null), fixture.FoodDivision);

        var pool = await FrozenAsync(Excluding);
        Assert.Empty(pool.Excluded);
        Assert.Equal(160, pool.EntityCount);
    }
}
