using Alba;
using FairDraw.Api.Tests.Support;

namespace FairDraw.Api.Tests.Items;

[Collection(nameof(ItemListCollection))]
public sealed class ConcurrentDrafts(ItemListHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Of_concurrent_drafts_of_one_list_version_exactly_one_wins_and_the_other_gets_409()
    {
        var token = fixture.CreditOffice();
        var statuses = await fixture.Host.StatusesAsync(2, s =>
        {
            s.Post.Json(ItemListHost.SmallDraft()).ToUrl("/api/item-lists");
            s.As(token);
        });
        Assert.Equal([201, 409], statuses);
    }
}
