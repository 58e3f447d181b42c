using System.Net;
using Alba;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Inspectors;
using FairDraw.Projections.Directories;
using static FairDraw.Api.Tests.Inspectors.InspectorRequests;

namespace FairDraw.Api.Tests.Inspectors;

[Collection(nameof(InspectorDirectoryCollection))]
public sealed class DeclaringConflictsOfInterest(InspectorDirectoryHost fixture) : IAsyncLifetime
{
    private static readonly string NanmingShop = Uscc.Complete("91520102MA6DKXAB").Value;
    private static readonly DeclareConflictOfInterest Relative = new(NanmingShop, "配偶任该企业法定代表人");

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_inspector_declares_its_own_conflict_and_the_personnel_office_withdraws_it()
    {
        await fixture.EnrolAsync(Staff());
        var himself = fixture.Token(Role.Inspector, "520102", StaffId);

        await fixture.PostAsync($"/api/inspectors/{StaffId}/conflicts", Relative, himself);
        var declared = await fixture.Host.GetAsJson<InspectorRevision>($"/api/inspectors/{StaffId}", himself);
        Assert.Equal([NanmingShop], declared!.Conflicts);

        await fixture.PostAsync($"/api/inspectors/{StaffId}/conflicts", Relative, himself, HttpStatusCode.Conflict);
        await fixture.Host.Scenario(s =>
        {
            s.Delete.Url($"/api/inspectors/{StaffId}/conflicts/{NanmingShop}");
            s.As(himself);
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        });
        await fixture.Host.Scenario(s =>
        {
            s.Delete.Url($"/api/inspectors/{StaffId}/conflicts/{NanmingShop}");
            s.As(fixture.NanmingPersonnel());
            s.StatusCodeShouldBeOk();
        });

        var withdrawn = await fixture.Host.GetAsJson<InspectorRevision>($"/api/inspectors/{StaffId}", himself);
        Assert.Equal((3L, 0), (withdrawn!.Version, withdrawn.Conflicts.Length));
    }

    [Fact]
    public async Task Another_inspector_may_not_declare_a_conflict_for_someone_else()
    {
        await fixture.EnrolAsync(Staff());

        await fixture.PostAsync($"/api/inspectors/{StaffId}/conflicts", Relative, fixture.Token(Role.Inspector, "520102", "GY520102-0002"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_invalid_code_is_rejected_naming_the_field()
    {
        await fixture.EnrolAsync(Staff());

        var result = await fixture.PostAsync($"/api/inspectors/{StaffId}/conflicts", Relative with { Uscc = "91520102MA6DKXAB00" }, fixture.NanmingPersonnel(), HttpStatusCode.BadRequest);

        Assert.Contains("\"field\":\"uscc\"", await result.ReadAsTextAsync(), StringComparison.Ordinal);
    }
}
