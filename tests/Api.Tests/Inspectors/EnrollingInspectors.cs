using System.Net;
using Alba;
using FairDraw.Api.Inspectors;
using FairDraw.Api.Reads;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Inspectors;
using FairDraw.Projections.Directories;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static FairDraw.Api.Tests.Inspectors.InspectorRequests;

namespace FairDraw.Api.Tests.Inspectors;

[Collection(nameof(InspectorDirectoryCollection))]
public sealed class EnrollingInspectors(InspectorDirectoryHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Enrolling_a_staff_inspector_appends_one_event_and_shows_it_in_the_directory()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Post.Json(Staff()).ToUrl("/api/inspectors");
            s.As(fixture.NanmingPersonnel());
            s.StatusCodeShouldBe(HttpStatusCode.Created);
            s.Header("Location").SingleValueShouldEqual($"/api/inspectors/{StaffId}");
        });
        Assert.Equal(new InspectorWritten(StaffId, 1), await result.ReadAsJsonAsync<InspectorWritten>());

        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync("inspector:" + StaffId);
        var enrolled = Assert.IsType<InspectorEnrolled>(Assert.Single(events).Data);
        Assert.Equal(("王建国", InspectorKind.Staff, "520102", "personnel-nanming"), (enrolled.Name, enrolled.Kind, enrolled.Jurisdiction.Value, enrolled.EnrolledBy));

        var page = await fixture.Host.GetAsJson<Page<InspectorRevision>>("/api/inspectors?jurisdiction=520100", fixture.Token(Role.Auditor));
        var listed = Assert.Single(page!.Items);
        Assert.Equal(
            (StaffId, InspectorStatus.Active, false, NanmingTeam, "52010200001", new LocalDate(2025, 12, 31), 1L, true),
            (listed.InspectorId, listed.Status, listed.IsExternal, listed.Unit, listed.CertificateNumber, listed.CertificateValidTo, listed.Version, listed.IsCurrent));
        Assert.Equal(["特种设备", "食品安全"], listed.Expertise);
        Assert.Equal(["行政执法资格"], listed.Qualifications);
        Assert.Empty(listed.Conflicts);
    }

    /// <summary>The directory's pages are the JSON of their documents read and written back (see StoredJsonPages).</summary>
    [Fact]
    public async Task A_page_is_the_json_of_its_documents_read_and_written_back()
    {
        await fixture.EnrolAsync(Staff());
        await fixture.EnrolAsync(Expert());
        var token = fixture.Token(Role.Auditor);

        var first = await StoredJsonPages.AssertSameAsTypedAsync<InspectorRevision>(
            fixture.Host, "/api/inspectors?pageSize=1", token, q => q.Where(x => x.IsCurrent).OrderBy(x => x.InspectorId).Take(1));
        await StoredJsonPages.AssertSameAsTypedAsync<InspectorRevision>(
            fixture.Host, $"/api/inspectors?pageSize=1&after={first["next"]}&count=true", token,
            q => q.Where(x => x.IsCurrent).OrderBy(x => x.InspectorId).Skip(1));
    }

    [Fact]
    public async Task The_directory_filters_by_kind_unit_status_expertise_and_qualification()
    {
        await fixture.EnrolAsync(Staff());
        await fixture.EnrolAsync(Expert());
        var token = fixture.Token(Role.Inspector, "520102", "someone");

        async Task<string[]> Ids(string query) =>
            [.. (await fixture.Host.GetAsJson<Page<InspectorRevision>>("/api/inspectors?" + query, token))!.Items.Select(x => x.InspectorId)];

        Assert.Equal(["GY-EXP-0001", StaffId], await Ids("jurisdiction=520100"));
        Assert.Equal([StaffId], await Ids("jurisdiction=520102"));
        Assert.Equal(["GY-EXP-0001"], await Ids("external=true"));
        Assert.Equal([StaffId], await Ids("kind=Staff"));
        Assert.Equal([StaffId], await Ids("unit=" + Uri.EscapeDataString(NanmingTeam)));
        Assert.Equal([StaffId], await Ids("expertise=" + Uri.EscapeDataString("特种设备")));
        Assert.Equal(["GY-EXP-0001"], await Ids("qualification=" + Uri.EscapeDataString("检验检测")));
        Assert.Equal(["GY-EXP-0001", StaffId], await Ids("status=Active"));
        Assert.Empty(await Ids("status=Suspended"));
        Assert.Equal(["GY-EXP-0001"], await Ids("page=1&pageSize=1"));
    }

    [Fact]
    public async Task Enrolling_twice_is_a_conflict()
    {
        await fixture.EnrolAsync(Staff());

        await fixture.PostAsync("/api/inspectors", Staff(), fixture.CityPersonnel(), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_invalid_certificate_is_rejected_naming_its_field()
    {
        var input = Staff() with { Certificate = new CertificateInput("1", "2025-01-01", "2020-01-01") };

        var result = await fixture.PostAsync("/api/inspectors", input, fixture.CityPersonnel(), HttpStatusCode.BadRequest);

        Assert.Contains("\"field\":\"certificate.validTo\"", await result.ReadAsTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_nothing_is_written_or_read()
    {
        await fixture.Host.Scenario(s =>
        {
            s.Post.Json(Staff()).ToUrl("/api/inspectors");
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });
        await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/api/inspectors");
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });
    }

    [Fact]
    public async Task Only_the_personnel_office_enrols() =>
        await fixture.PostAsync("/api/inspectors", Staff(), fixture.Token(Role.Registrar, "520100"), HttpStatusCode.Forbidden);

    [Fact]
    public async Task A_district_does_not_enrol_in_another_district() =>
        await fixture.PostAsync("/api/inspectors", Staff(), fixture.Token(Role.Personnel, "520103", "personnel-yunyan"), HttpStatusCode.Forbidden);
}
