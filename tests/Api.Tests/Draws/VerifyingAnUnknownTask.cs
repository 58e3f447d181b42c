using FairDraw.Api.Tests.Support;

namespace FairDraw.Api.Tests.Draws;

/// <summary>`verify-draw` on a task never drawn, or a round a task never had, says so in one line and exits non-zero.</summary>
[Collection(nameof(DrawCollection))]
public sealed class VerifyingAnUnknownTask(DrawHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_task_never_drawn_is_named_without_a_stack_trace()
    {
        var result = await fixture.RunApiAsync("verify-draw", "2021-520100-SJJ-T99");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("taskId: ", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_round_the_task_never_had_is_named_without_a_stack_trace()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "freeze");

        var result = await fixture.RunApiAsync("verify-draw", DrawHost.TaskId, "--round", "7");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("round: ", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }
}
