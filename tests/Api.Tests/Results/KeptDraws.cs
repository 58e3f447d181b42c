using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Draws;
using FairDraw.Ledger.Draws;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Results;

/// <summary>
/// The result writes' folded draws (CurrentDraws) and their assignment books: reused only while the task's stream ends
/// with the same event.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class KeptDraws(DrawHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Given_a_drawn_task_When_it_is_read_again_or_drawn_anew_with_as_many_events_Then_only_the_unchanged_stream_reuses_its_fold()
    {
        var draws = fixture.Host.Services.GetRequiredService<CurrentDraws>();
        await fixture.DrawnAsync();
        var first = await LoadAsync(draws);
        Assert.Same(first, await LoadAsync(draws));
        Assert.Equal((await FreshAsync()).Events[^1].Id, first.Events[^1].Id);

        // The data reset and the same task drawn again: a stream of the same length whose events are new.
        await fixture.SeedAsync();
        await fixture.DrawnAsync();
        var again = await LoadAsync(draws);

        Assert.Equal(first.Version, again.Version);
        Assert.NotSame(first, again);
        Assert.Equal((await FreshAsync()).Events[^1].Id, again.Events[^1].Id);
    }

    [Fact]
    public async Task Given_a_kept_draw_When_an_inspector_is_reassigned_Then_the_next_read_books_the_replacement_and_not_the_kept_book()
    {
        var draws = fixture.Host.Services.GetRequiredService<CurrentDraws>();
        var (_, entity, inspectors) = await fixture.DrawnAsync();
        var kept = await LoadAsync(draws);
        Assert.Same(kept.Book, (await LoadAsync(draws)).Book);
        Assert.Equal(inspectors, kept.Book!.InspectorsOf(entity));

        var reassignment = new ReassignInspector(entity, inspectors[0], "unavailable", null, "检查员长期病假", "病假证明");
        await fixture.AdjustAsync(DrawHost.TaskId, "reassignments", reassignment, fixture.FoodDivision, fixture.CreditOfficeApproval());
        var changed = await LoadAsync(draws);

        Assert.NotSame(kept.Book, changed.Book);
        Assert.DoesNotContain(inspectors[0], changed.Book!.InspectorsOf(entity));
        Assert.Equal(AssignmentBook.Of((await FreshAsync()).State!.Current).InspectorsOf(entity), changed.Book.InspectorsOf(entity));
    }

    private async Task<LoadedDraw> LoadAsync(CurrentDraws draws)
    {
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await draws.LoadAsync(session, DrawHost.TaskId);
    }

    private async Task<LoadedDraw> FreshAsync()
    {
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await TaskDraws.LoadAsync(session, DrawHost.TaskId);
    }
}
