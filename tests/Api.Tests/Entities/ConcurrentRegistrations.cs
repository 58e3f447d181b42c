using Alba;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;

namespace FairDraw.Api.Tests.Entities;

[Collection(nameof(EntityDirectoryCollection))]
public sealed class ConcurrentRegistrations(EntityDirectoryHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Of_concurrent_registrations_of_one_entity_exactly_one_wins_and_the_other_gets_409()
    {
        var token = fixture.Token(Role.Registrar, "520102");
        var statuses = await fixture.Host.StatusesAsync(2, s =>
        {
            s.Post.Json(RegisteringEntities.Nanming()).ToUrl("/api/entities");
            s.As(token);
        });
        Assert.Equal([201, 409], statuses);
    }
}
