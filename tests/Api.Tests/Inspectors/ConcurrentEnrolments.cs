using Alba;
using FairDraw.Api.Tests.Support;

namespace FairDraw.Api.Tests.Inspectors;

[Collection(nameof(InspectorDirectoryCollection))]
public sealed class ConcurrentEnrolments(InspectorDirectoryHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Of_concurrent_enrolments_of_one_inspector_exactly_one_wins_and_the_other_gets_409()
    {
        var token = fixture.CityPersonnel();
        var statuses = await fixture.Host.StatusesAsync(2, s =>
        {
            s.Post.Json(InspectorRequests.Staff()).ToUrl("/api/inspectors");
            s.As(token);
        });
        Assert.Equal([201, 409], statuses);
    }
}
