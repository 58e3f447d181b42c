using System.Net;
using FairDraw.Api.Reads;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Inspectors;
using FairDraw.Projections.Directories;
using NodaTime;
using NodaTime.Text;
using static FairDraw.Api.Tests.Inspectors.InspectorRequests;

namespace FairDraw.Api.Tests.Inspectors;

[Collection(nameof(InspectorDirectoryCollection))]
public sealed class TransferringInspectors(InspectorDirectoryHost fixture) : IAsyncLifetime
{
    private const string YunyanTeam = "云岩区市场监督管理局执法大队";
    private static readonly TransferInspector ToYunyan = new(YunyanTeam, "520103");

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_directory_as_of_before_a_transfer_shows_the_old_unit()
    {
        var investigator = fixture.Token(Role.Investigator);
        await fixture.EnrolAsync(Staff());
        var enrolled = (await fixture.Host.GetAsJson<InspectorRevision>($"/api/inspectors/{StaffId}", investigator))!;

        fixture.Clock.Advance(Duration.FromDays(30));
        await fixture.PostAsync($"/api/inspectors/{StaffId}/transfer", ToYunyan, fixture.CityPersonnel());

        var now = (await fixture.Host.GetAsJson<InspectorRevision>($"/api/inspectors/{StaffId}", investigator))!;
        Assert.Equal((YunyanTeam, "520103", 2L), (now.Unit, now.Jurisdiction, now.Version));

        var atPosition = await fixture.Host.GetAsJson<InspectorRevision>($"/api/inspectors/{StaffId}?asOfPosition={enrolled.FromSequence}", investigator);
        Assert.Equal((NanmingTeam, "520102", 1L), (atPosition!.Unit, atPosition.Jurisdiction, atPosition.Version));

        // Halfway between the two events: after the enrolment, before the transfer.
        var between = enrolled.FromTime + ((now.FromTime - enrolled.FromTime) / 2);
        var asOf = Uri.EscapeDataString(InstantPattern.ExtendedIso.Format(between));
        var atInstant = await fixture.Host.GetAsJson<InspectorRevision>($"/api/inspectors/{StaffId}?asOf={asOf}", investigator);
        Assert.Equal((NanmingTeam, "520102", 1L), (atInstant!.Unit, atInstant.Jurisdiction, atInstant.Version));

        var nanmingThen = await fixture.Host.GetAsJson<Page<InspectorRevision>>($"/api/inspectors?jurisdiction=520102&count=true&asOf={asOf}", investigator);
        var nanmingNow = await fixture.Host.GetAsJson<Page<InspectorRevision>>("/api/inspectors?jurisdiction=520102&count=true", investigator);
        Assert.Equal(((long?)1, (long?)0), (nanmingThen!.Total, nanmingNow!.Total));
    }

    [Fact]
    public async Task Before_its_enrolment_an_inspector_is_not_found()
    {
        await fixture.EnrolAsync(Staff());

        await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/inspectors/{StaffId}?asOf=2000-01-01T00:00:00Z");
            s.As(fixture.Token(Role.Auditor));
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
    }

    [Fact]
    public async Task The_old_district_alone_may_not_transfer_into_another()
    {
        await fixture.EnrolAsync(Staff());

        await fixture.PostAsync($"/api/inspectors/{StaffId}/transfer", ToYunyan, fixture.NanmingPersonnel(), HttpStatusCode.Forbidden);
    }
}
