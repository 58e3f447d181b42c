using Alba;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Projections.Storage;
using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task A_draft_appended_after_the_winner_committed_is_a_concurrency_conflict_not_a_fold_onto_it()
    {
        // The losing request of the race above, made deterministic: it decided that the list did not exist, and appends
        // its draft as a new stream only after the winner's draft (same events) is committed.
        await fixture.DraftAsync(ItemListHost.SmallDraft());
        var key = StreamKeys.ItemList(ItemListHost.Guiyang, ItemListHost.Version);
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession();
        var drafted = (await session.Events.FetchStreamAsync(key))[0].Data;

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StreamAppend.AppendAsync(session, key, read: null, [drafted]));

        Assert.True(
            error is Marten.Exceptions.ExistingStreamIdCollisionException or ExistingStreamIdCollisionException or EventStreamUnexpectedMaxEventIdException or ConcurrencyException,
            $"{error.GetType().Name}: {error.Message}");
    }
}
