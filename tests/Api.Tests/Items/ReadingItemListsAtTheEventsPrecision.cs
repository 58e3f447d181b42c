using Alba;
using FairDraw.Api.Tests.Support;
using NodaTime;
using NodaTime.Text;

namespace FairDraw.Api.Tests.Items;

/// <summary><c>asOf</c> is inclusive at the events' own precision: one tick before a list is drafted it is not found, at its instant it is.</summary>
[Collection(nameof(ItemListCollection))]
public sealed class ReadingItemListsAtTheEventsPrecision(ItemListHost fixture) : IAsyncLifetime
{
    private static readonly Instant Drafted = Instant.FromUtc(2021, 3, 1, 9, 0, 20) + Duration.FromTicks(5_032_444);

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task One_tick_before_a_draft_the_list_is_not_found_and_at_its_instant_it_is()
    {
        fixture.Clock.Reset(Drafted);
        await fixture.DraftAsync(ItemListHost.SmallDraft());

        foreach (var (at, status) in new[] { (Drafted - Duration.FromTicks(1), 404), (Drafted, 200) })
        {
            await fixture.Host.Scenario(s =>
            {
                s.Get.Url($"{ItemListHost.ListUrl}?asOf={InstantPattern.ExtendedIso.Format(at)}");
                s.As(fixture.CreditOffice());
                s.StatusCodeShouldBe(status);
            });
        }
    }
}
