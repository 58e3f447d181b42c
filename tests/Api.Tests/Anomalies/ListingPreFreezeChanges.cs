using System.Net;
using FairDraw.Api.Anomalies;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Plans;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Plans;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace FairDraw.Api.Tests.Anomalies;

/// <summary>
/// Directory changes before a freeze that moved an entity across the task's filter: a task targeting risk class B is
/// frozen on 1 May 2021; two days before, a registrar moved one entity from C to B and deregistered a B entity. Those
/// two are listed; a change that does not cross the filter, and one older than the window, are not.
/// </summary>
[Collection(nameof(AnomalyCollection))]
public sealed class ListingPreFreezeChanges(AnomalyHost host) : IAsyncLifetime
{
    private const string TaskId = "2021-520100-ANOM-T01";

    private static readonly Instant FrozenAt = Instant.FromUtc(2021, 5, 1, 1, 0);

    private readonly DrawHost fixture = host.Draws;

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Url(int? days = null) =>
        $"{PreFreezeChangesEndpoint.Path}?year=2021&jurisdiction=520100" + (days is { } d ? $"&days={d}" : "");

    /// <summary>Updates the seeded entity i, whose risk classes run A, A, B, B, B, C, C, D (<see cref="DrawHost.SeedAsync"/>).</summary>
    private Task UpdateAsync(int i, string riskClass, string registrar, string? name = null) => fixture.Host.Scenario(s =>
    {
        s.Put.Json(new UpdateEntityDetails(name ?? $"示例食品{i}", $"示例路{i}号", "C1391", riskClass, []))
            .ToUrl($"/api/entities/{fixture.Entities[i]}/details");
        s.As(fixture.Token(Role.Registrar, "520100", registrar));
    });

    private async Task<long> LastSequenceAsync(int i)
    {
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Events.FetchStreamAsync(StreamKeys.Entity(fixture.Entities[i])))[^1].Sequence;
    }

    private async Task SeedChangesAndFreezeAsync()
    {
        var targeted = new TaskInput(
            "T01", "B类食品生产企业专项检查", ["05-01"], new TargetingInput(null, null, null, null, ["B"]), "None",
            [new StratumInput("all", "1/5", null)], 2, 20, false, DrawHost.FoodDepartment, null, "2021-06-01",
            "2021-11-05");
        var plan = new DraftPlan(2021, "520100", "ANOM", DrawHost.FoodDepartment, PlanHost.List, [targeted]);
        await fixture.PostAsync("/api/plans", plan, fixture.FoodDivision, HttpStatusCode.Created);
        await fixture.PostAsync("/api/plans/2021-520100-ANOM/filing", null, fixture.FoodDivision);

        fixture.Clock.Reset(Instant.FromUtc(2021, 3, 10, 1, 0));
        await UpdateAsync(5, "B", "registrar-li"); // C → B, 52 days before the freeze
        fixture.Clock.Reset(FrozenAt - Duration.FromDays(2));
        await UpdateAsync(13, "B", "registrar-wang"); // C → B: into the pool
        await UpdateAsync(8, "D", "registrar-wang"); // A → D: outside the filter before and after
        await UpdateAsync(11, "B", "registrar-wang", "示例食品11（更名）"); // a B entity renamed: in the pool before and after
        await fixture.PostAsync($"/api/entities/{fixture.Entities[10]}/status", new ChangeEntityStatus("注销", "注销登记"),
            fixture.Token(Role.Registrar, "520100", "registrar-wang")); // a B entity deregistered: out of the pool
        fixture.Clock.Reset(FrozenAt);
        await fixture.StepAsync(TaskId, "pool", new FreezePool(null), fixture.FoodDivision);
    }

    [Fact]
    public async Task Given_a_risk_class_moved_into_the_target_two_days_before_a_freeze_Then_it_is_listed_with_registrar_and_field()
    {
        await SeedChangesAndFreezeAsync();

        var report = await fixture.Host.GetAsJson<PreFreezeReport>(Url(), fixture.Token(Role.Investigator, "520100", "inv"));

        var freeze = Assert.Single(report!.Freezes);
        Assert.Equal((TaskId, 1, "food-division", FrozenAt, FrozenAt - Duration.FromDays(30), 30),
            (freeze.TaskId, freeze.Round, freeze.FrozenBy, freeze.FrozenAt, freeze.WindowStart, report.Days));
        Assert.Equal(
            [
                new CrossingEntity(fixture.Entities[10], "示例食品10", true, false, [new CrossingChange(
                    await LastSequenceAsync(10), StreamKeys.Entity(fixture.Entities[10]), "entity_status_changed",
                    "registrar-wang", FrozenAt - Duration.FromDays(2),
                    [new CrossedField("status", nameof(EntityStatus.Existing), nameof(EntityStatus.Deregistered))])]),
                new CrossingEntity(fixture.Entities[13], "示例食品13", false, true, [new CrossingChange(
                    await LastSequenceAsync(13), StreamKeys.Entity(fixture.Entities[13]), "entity_details_updated",
                    "registrar-wang", FrozenAt - Duration.FromDays(2), [new CrossedField("riskClass", "C", "B")])]),
            ],
            freeze.Entities,
            new CrossingComparer());
    }

    [Fact]
    public async Task Given_a_wider_window_Then_the_older_change_is_listed_too_and_the_freeze_is_cited_by_its_sequence()
    {
        await SeedChangesAndFreezeAsync();

        var report = await fixture.Host.GetAsJson<PreFreezeReport>(Url(days: 60), fixture.Token(Role.Auditor, "520000", "a"));

        var freeze = Assert.Single(report!.Freezes);
        Assert.Equal(
            new[] { fixture.Entities[5], fixture.Entities[10], fixture.Entities[13] }.Order(StringComparer.Ordinal),
            freeze.Entities.Select(entity => entity.Uscc));
        var older = freeze.Entities.Single(entity => entity.Uscc == fixture.Entities[5]);
        Assert.Equal("registrar-li", older.Changes.Single().Actor);
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var frozen = (await session.Events.FetchStreamAsync(StreamKeys.Task(TaskId))).Single(e => e.Data is PoolFrozen);
        Assert.Equal((frozen.Sequence, ((PoolFrozen)frozen.Data).AsOfSequence), (freeze.Sequence, freeze.AsOfSequence));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(367)]
    public async Task A_window_outside_one_to_366_days_is_a_problem_naming_days(int days)
    {
        var refusal = await fixture.Host.Scenario(s =>
        {
            s.Get.Url(Url(days));
            s.As(fixture.Token(Role.Auditor, "520000", "auditor"));
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
        var problem = await refusal.ReadAsJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("days", problem.GetProperty("field").GetString());
    }

    /// <summary>Entities compared by value, their nested lists by their elements.</summary>
    private sealed class CrossingComparer : IEqualityComparer<CrossingEntity>
    {
        public bool Equals(CrossingEntity? x, CrossingEntity? y) =>
            x is not null && y is not null
            && (x.Uscc, x.Name, x.InPoolBefore, x.InPoolAtFreeze) == (y.Uscc, y.Name, y.InPoolBefore, y.InPoolAtFreeze)
            && x.Changes.Count == y.Changes.Count
            && x.Changes.Zip(y.Changes).All(pair =>
                (pair.First.Sequence, pair.First.Stream, pair.First.Type, pair.First.Actor, pair.First.At)
                    == (pair.Second.Sequence, pair.Second.Stream, pair.Second.Type, pair.Second.Actor, pair.Second.At)
                && pair.First.Fields.SequenceEqual(pair.Second.Fields));

        public int GetHashCode(CrossingEntity obj) => obj.Uscc.GetHashCode(StringComparison.Ordinal);
    }
}
