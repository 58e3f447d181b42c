using FairDraw.Api.Demo;
using FairDraw.Api.Entities;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Directories;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace FairDraw.Api.Tests.Entities;

[Collection(nameof(EntityDirectoryCollection))]
public sealed class LoadingDemoEntities(EntityDirectoryHost fixture) : IAsyncLifetime
{
    /// <summary>Guiyang's ten districts and counties (GB/T 2260), written out so that a district missing from the generator fails.</summary>
    private static readonly string[] GuiyangDistricts = ["520102", "520103", "520111", "520112", "520113", "520115", "520121", "520122", "520123", "520181"];

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void The_demo_directory_has_50000_valid_entities_of_every_type_status_and_risk_class_in_every_district()
    {
        var city = new Actor("demo-loader", Role.Registrar, DivisionCode.Parse("520100"));
        var now = Instant.FromUtc(2021, 3, 1, 9, 0);
        var demo = DemoEntities.Generate(DemoEntities.DefaultCount).ToList();

        Assert.True(demo.Count >= 50_000, $"the demo has {demo.Count} entities");
        Assert.All(demo, entity => Assert.True(Uscc.TryParse(entity.Uscc, out _, out var reason), $"{entity.Uscc}: {reason}"));
        Assert.Equal(demo.Count, demo.Select(entity => entity.Uscc).Distinct().Count());

        // Every row as a registration would take it: the same checks as the API's (type matching the code, division, industry…).
        var registrations = demo.Select(entity => EntityDecisions.Validate(entity, city, now)).ToList();
        Assert.Equal(Enum.GetValues<EntityType>().Order(), registrations.Select(r => r.Type).Distinct().Order());
        Assert.Equal(Enum.GetValues<EntityStatus>().Order(), registrations.Select(r => r.Status).Distinct().Order());
        Assert.Equal(Enum.GetValues<RiskClass>().Order(), registrations.Select(r => r.RiskClass).Distinct().Order());
        Assert.Equal(GuiyangDistricts, registrations.Select(r => r.Jurisdiction.Value).Distinct().Order(StringComparer.Ordinal));

        Assert.Equal(demo.Select(entity => entity.Uscc), DemoEntities.Generate(DemoEntities.DefaultCount).Select(entity => entity.Uscc));
    }

    [Fact]
    public async Task Loading_twice_registers_the_demo_directory_once()
    {
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        var clock = fixture.Host.Services.GetRequiredService<IClock>();
        var count = DemoEntities.DefaultCount;

        var first = await DemoEntities.LoadAsync(store, clock, CancellationToken.None);
        Assert.Equal(new ImportSummary(count, count, 0, 0, count), first);
        var second = await DemoEntities.LoadAsync(store, clock, CancellationToken.None);
        Assert.Equal(new ImportSummary(count, 0, 0, count, 0), second);

        await using var session = store.QuerySession();
        // Counted in the database, not taken from the summaries: one event and one current revision per entity.
        Assert.Equal(count, await session.Events.QueryAllRawEvents().CountAsync());
        Assert.Equal(count, await session.Query<EntityRevision>().Where(x => x.IsCurrent).CountAsync());
    }
}
