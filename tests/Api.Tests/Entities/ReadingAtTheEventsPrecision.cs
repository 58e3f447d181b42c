using System.Net;
using Alba;
using FairDraw.Api.Entities;
using FairDraw.Api.Reads;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Directories;
using NodaTime;
using NodaTime.Text;

namespace FairDraw.Api.Tests.Entities;

/// <summary>
/// <c>asOf</c> is inclusive at the events' own precision (100 ns ticks), not PostgreSQL's microseconds: one tick before
/// an event the directory does not show it, at its instant it does.
/// </summary>
[Collection(nameof(EntityDirectoryCollection))]
public sealed class ReadingAtTheEventsPrecision(EntityDirectoryHost fixture) : IAsyncLifetime
{
    /// <summary>The example: registered at …20.5032444Z, shown for asOf=…20.5032443Z.</summary>
    private static readonly Instant Registered = Instant.FromUtc(2021, 3, 1, 9, 0, 20) + Duration.FromTicks(5_032_444);

    /// <summary>Renamed three ticks later, within the same microsecond.</summary>
    private static readonly Instant Renamed = Registered + Duration.FromTicks(3);

    private static readonly Duration Tick = Duration.FromTicks(1);

    private string Registrar => fixture.Token(Role.Registrar, "520102", "registrar-nanming");

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task One_tick_before_an_event_the_entity_list_and_statistics_do_not_show_it_and_at_its_instant_they_do()
    {
        var code = RegisteringEntities.NanmingCode;
        fixture.Clock.Reset(Registered);
        await fixture.Host.Scenario(s =>
        {
            s.Post.Json(RegisteringEntities.Nanming(name: "旧名称")).ToUrl("/api/entities");
            s.As(Registrar);
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        });
        fixture.Clock.Reset(Renamed);
        await fixture.Host.Scenario(s =>
        {
            s.Put.Json(new UpdateEntityDetails("新名称", "新地址", "F5211", "A", [])).ToUrl($"/api/entities/{code}/details");
            s.As(Registrar);
        });

        foreach (var (at, name) in new[] { (Registered - Tick, null), (Registered, "旧名称"), (Renamed - Tick, "旧名称"), (Renamed, "新名称") })
        {
            var asOf = InstantPattern.ExtendedIso.Format(at);
            var one = await fixture.Host.Scenario(s =>
            {
                s.Get.Url($"/api/entities/{code}?asOf={asOf}");
                s.As(Registrar);
                s.StatusCodeShouldBe(name is null ? 404 : 200);
            });
            Assert.Equal(name, name is null ? null : (await one.ReadAsJsonAsync<EntityRevision>())!.Name);

            var list = await fixture.Host.GetAsJson<Page<EntityRevision>>($"/api/entities?asOf={asOf}", Registrar);
            Assert.Equal(name is null ? [] : [name], list!.Items.Select(e => e.Name));

            var counts = await fixture.Host.GetAsJson<List<ExistingEnterprises>>($"/api/statistics/existing-enterprises?asOf={asOf}", Registrar);
            Assert.Equal(name is null ? 0 : 1, counts!.Where(c => !c.Total).Sum(c => c.Count));
        }
    }
}
