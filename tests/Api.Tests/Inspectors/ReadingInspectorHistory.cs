using System.Net;
using Alba;
using FairDraw.Api.Reads;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Inspectors;
using FairDraw.Projections.Directories;
using static FairDraw.Api.Tests.Inspectors.InspectorRequests;

namespace FairDraw.Api.Tests.Inspectors;

[Collection(nameof(InspectorDirectoryCollection))]
public sealed class ReadingInspectorHistory(InspectorDirectoryHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_history_lists_every_event_in_order_with_its_actor()
    {
        await fixture.EnrolAsync(Staff());
        var nanming = fixture.NanmingPersonnel();
        await fixture.Host.Scenario(s =>
        {
            s.Put.Json(new CertificateInput("52010200077", "2025-06-01", "2030-05-31")).ToUrl($"/api/inspectors/{StaffId}/certificate");
            s.As(nanming);
            s.StatusCodeShouldBeOk();
        });
        await fixture.Host.Scenario(s =>
        {
            s.Put.Json(new UpdateQualifications(["行政执法资格"], ["计量"])).ToUrl($"/api/inspectors/{StaffId}/qualifications");
            s.As(nanming);
            s.StatusCodeShouldBeOk();
        });
        await fixture.PostAsync($"/api/inspectors/{StaffId}/suspend", new SuspendInspector("接受调查"), nanming);
        await fixture.PostAsync($"/api/inspectors/{StaffId}/reinstate", null, nanming);
        await fixture.PostAsync($"/api/inspectors/{StaffId}/retire", null, nanming);

        var history = (await fixture.Host.GetAsJson<HistoryEntry[]>($"/api/inspectors/{StaffId}/history", fixture.Token(Role.Investigator)))!;

        Assert.Equal(
            [
                ("inspector_enrolled", "personnel-city"),
                ("certificate_renewed", "personnel-nanming"),
                ("qualifications_updated", "personnel-nanming"),
                ("inspector_suspended", "personnel-nanming"),
                ("inspector_reinstated", "personnel-nanming"),
                ("inspector_retired", "personnel-nanming"),
            ],
            history.Select(e => (e.Type, e.Actor)));
        Assert.Equal([1L, 2, 3, 4, 5, 6], history.Select(e => e.Version));
        Assert.True(history.Zip(history.Skip(1)).All(pair => pair.First.Sequence < pair.Second.Sequence));
    }

    [Fact]
    public async Task A_retired_inspector_is_read_but_no_longer_written()
    {
        await fixture.EnrolAsync(Staff());
        await fixture.PostAsync($"/api/inspectors/{StaffId}/retire", null, fixture.CityPersonnel());

        await fixture.PostAsync($"/api/inspectors/{StaffId}/suspend", new SuspendInspector("x"), fixture.CityPersonnel(), HttpStatusCode.Conflict);
        var retired = await fixture.Host.GetAsJson<InspectorRevision>($"/api/inspectors/{StaffId}", fixture.Token(Role.Auditor));
        Assert.Equal(InspectorStatus.Retired, retired!.Status);
    }

    [Fact]
    public async Task An_unknown_inspector_has_no_history() =>
        await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/api/inspectors/GY-NOBODY/history");
            s.As(fixture.Token(Role.Investigator));
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });

    [Fact]
    public async Task Writing_an_unknown_inspector_is_not_found() =>
        await fixture.PostAsync("/api/inspectors/GY-NOBODY/retire", null, fixture.CityPersonnel(), HttpStatusCode.NotFound);
}
