using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Projections.Directories;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// A freeze that its actor, the plan or the round's state refuses answers before it reads the directory or keeps a pool
/// copy, so that a refused freeze of a large pool costs what a refused step does. The statements are counted from
/// Npgsql's trace of this collection's schema.
/// </summary>
[Collection(nameof(DrawChecksCollection))]
public sealed class RefusingFreezesCheaply(DrawChecksHost checks) : IAsyncLifetime
{
    private const string Redraw = "重新抽取 / redraw";

    private readonly DrawHost fixture = checks.Draws;

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private string Directory => Revision.TableOf<EntityRevision>(fixture.Schema);

    private string Copies => $"{fixture.Schema}.entity_pool_copy_parts";

    [Fact]
    public async Task A_second_freeze_of_an_uncommitted_round_is_refused_without_reading_the_directory_or_writing()
    {
        var frozen = await StatementsOfAsync(() => Freeze(null, fixture.FoodDivision, HttpStatusCode.OK));
        Assert.Contains(frozen, statement => statement.Contains(Directory, StringComparison.Ordinal)); // the trace sees both
        Assert.Contains(frozen, statement => statement.Contains(Copies, StringComparison.Ordinal));

        await AssertRefusedCheaplyAsync(() => Freeze(Redraw, fixture.FoodDivision, HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task A_redraw_without_a_reason_and_a_freeze_outside_the_jurisdiction_are_refused_without_reading_the_directory()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "commitment/publication");
        await AssertRefusedCheaplyAsync(() => Freeze(null, fixture.FoodDivision, HttpStatusCode.BadRequest));
        await AssertRefusedCheaplyAsync(() => Freeze(Redraw, fixture.Token(Role.DistrictBureau, "520102", "nanming"), HttpStatusCode.Forbidden));
    }

    private Task Freeze(string? reason, string token, HttpStatusCode status) =>
        fixture.StepAsync(DrawHost.TaskId, "pool", new FreezePool(reason), token, status);

    private async Task AssertRefusedCheaplyAsync(Func<Task> refused)
    {
        var before = (await fixture.EventsAsync(), await CopyPartsAsync());
        var statements = await StatementsOfAsync(refused);
        Assert.DoesNotContain(statements, statement => statement.Contains(Directory, StringComparison.Ordinal));
        Assert.DoesNotContain(statements, statement => statement.Contains(Copies, StringComparison.Ordinal));
        Assert.Equal(before, (await fixture.EventsAsync(), await CopyPartsAsync()));
    }

    private async Task<long> CopyPartsAsync()
    {
        var database = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>();
        await using var count = database.CreateCommand($"select count(*) from {Copies}");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>The SQL this collection's schema saw while <paramref name="request"/> ran.</summary>
    private async Task<IReadOnlyList<string>> StatementsOfAsync(Func<Task> request)
    {
        var statements = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                foreach (var (_, value) in activity.TagObjects)
                {
                    if (value is string text && text.Contains(fixture.Schema + ".", StringComparison.Ordinal))
                    {
                        statements.Enqueue(text);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await request();
        return [.. statements];
    }
}
