using Alba;
using FairDraw.Api.Reads;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Projections.Directories;
using NodaTime;
using NodaTime.Text;

namespace FairDraw.Api.Tests.Inspectors;

/// <summary><c>asOf</c> is inclusive at the events' own precision: one tick before an enrolment the inspector is not listed, at its instant it is.</summary>
[Collection(nameof(InspectorDirectoryCollection))]
public sealed class ReadingInspectorsAtTheEventsPrecision(InspectorDirectoryHost fixture) : IAsyncLifetime
{
    private static readonly Instant Enrolled = Instant.FromUtc(2021, 3, 1, 9, 0, 20) + Duration.FromTicks(5_032_444);

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task One_tick_before_an_enrolment_the_inspector_is_not_there_and_at_its_instant_it_is()
    {
        fixture.Clock.Reset(Enrolled);
        await fixture.EnrolAsync(InspectorRequests.Staff());
        var token = fixture.NanmingPersonnel();

        foreach (var (at, shown) in new[] { (Enrolled - Duration.FromTicks(1), false), (Enrolled, true) })
        {
            var asOf = InstantPattern.ExtendedIso.Format(at);
            await fixture.Host.Scenario(s =>
            {
                s.Get.Url($"/api/inspectors/{InspectorRequests.StaffId}?asOf={asOf}");
                s.As(token);
                s.StatusCodeShouldBe(shown ? 200 : 404);
            });
            var list = await fixture.Host.GetAsJson<Page<InspectorRevision>>($"/api/inspectors?asOf={asOf}", token);
            Assert.Equal(shown ? [InspectorRequests.StaffId] : [], list!.Items.Select(i => i.InspectorId));
        }
    }
}
