using FairDraw.Api.Demo;
using FairDraw.Api.Reads;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Projections.Directories;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace FairDraw.Api.Tests.Inspectors;

[Collection(nameof(InspectorDirectoryCollection))]
public sealed class LoadingDemoInspectors(InspectorDirectoryHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void The_demo_directory_is_the_same_on_every_call()
    {
        var first = DemoInspectors.Generate();
        var second = DemoInspectors.Generate();

        Assert.Equal(first.Select(d => (d.Enrolment.Id, d.Enrolment.Name, d.Enrolment.Unit)), second.Select(d => (d.Enrolment.Id, d.Enrolment.Name, d.Enrolment.Unit)));
        Assert.Equal(first.Count, first.Select(d => d.Enrolment.Id).Distinct().Count());
    }

    [Fact]
    public async Task Loading_twice_enrols_the_demo_directory_once()
    {
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        var clock = fixture.Host.Services.GetRequiredService<IClock>();

        Assert.Equal(DemoInspectors.Count, await DemoInspectors.LoadAsync(store, clock, CancellationToken.None));
        Assert.Equal(0, await DemoInspectors.LoadAsync(store, clock, CancellationToken.None));

        var token = fixture.Token(Role.Auditor);
        async Task<long> Total(string query) =>
            (await fixture.Host.GetAsJson<Page<InspectorRevision>>("/api/inspectors?pageSize=1&count=true&" + query, token))!.Total!.Value;

        var demo = DemoInspectors.Generate();
        Assert.Equal(DemoInspectors.Count, await Total("jurisdiction=520100"));
        Assert.Equal(DemoInspectors.Count / 10, await Total("external=true"));
        Assert.Equal(demo.Count(d => d.Retired), await Total("status=Retired"));
        Assert.Equal(demo.Count(d => d.SuspensionReason is not null && !d.Retired), await Total("status=Suspended"));
        Assert.Equal(10, (await Task.WhenAll(Guiyang.Districts.Select(d => Total("jurisdiction=" + d.Code)))).Count(total => total > 0));

        await using var session = store.QuerySession();
        var withConflicts = await session.Query<InspectorRevision>().Where(x => x.IsCurrent && x.Conflicts.Length > 0).CountAsync();
        Assert.Equal(demo.Count(d => d.Conflicts.Count > 0), withConflicts);
    }
}
