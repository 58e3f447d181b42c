using Alba;
using FairDraw.Api.Demo;
using FairDraw.Api.Draws;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Projections.Draws;
using FairDraw.Projections.Integrity;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static FairDraw.Api.Demo.DemoClock;

namespace FairDraw.Benchmarks;

/// <summary>The benchmarks' draws: the demo's draw steps on one task, on the demo's dates, through the API's own DrawSteps.</summary>
internal static class BenchDraws
{
    private static readonly Actor Division = new("business-division", Role.BusinessDivision, DivisionCode.Parse(Guiyang.City));
    private static readonly Actor CreditOffice = new("credit-office", Role.CreditOffice, DivisionCode.Parse(Guiyang.City));

    /// <summary>The log integrated and a checkpoint signed, as the server's log worker does every 250 ms.</summary>
    public static async Task SignAsync(IAlbaHost host)
    {
        var log = host.Services.GetRequiredService<LedgerLog>();
        await log.IntegrateAsync(CancellationToken.None);
        await log.CheckpointAsync(CancellationToken.None);
    }

    /// <summary>
    /// Freezes, commits, publishes (after <paramref name="sign"/> put the commitment in a checkpoint), records the
    /// randomness, confirms, executes and assigns, each step once (a run stopped half way resumes); <paramref name="sign"/>
    /// again at the end, so every event has its receipt. <paramref name="frozen"/> sees the frozen round (a caller's check).
    /// </summary>
    public static async Task<DrawRound> DrawAsync(
        IAlbaHost host, DemoClock clock, string taskId, Func<IAlbaHost, Task> sign, Action<DrawRound>? frozen = null)
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var steps = host.Services.GetRequiredService<DrawSteps>();
        await using var session = store.LightweightSession();
        async Task<DrawRound?> RoundAsync() => (await TaskDraws.LoadAsync(session, taskId)).State?.Current;
        if (await RoundAsync() is null)
        {
            clock.Now = At(2021, 4, 1, 9);
            await steps.FreezeAsync(session, taskId, new FreezePool(null), Division, CancellationToken.None);
        }

        var round = (await RoundAsync())!;
        frozen?.Invoke(round);
        if (round.Commitment is null)
        {
            clock.Now = At(2021, 4, 1, 9, 5);
            await steps.CommitAsync(session, taskId, DemoDraw.Commitment(), Division);
        }

        if (round.Publication is null)
        {
            clock.Now = At(2021, 4, 1, 9, 30);
            await sign(host);
            await steps.PublishAsync(session, taskId, new PublishCommitment("基准 / benchmark", "基准公告 / benchmark notice"), Division, CancellationToken.None);
        }

        clock.Now = At(2022, 6, 25, 18);
        if (round.Randomness is null)
        {
            await steps.RecordRandomnessAsync(session, taskId, DemoDraw.DemoValues(), Division, CancellationToken.None);
        }

        if (round.Confirmation is null)
        {
            await steps.ConfirmAsync(session, taskId, new ConfirmLotteryValues([new RandomnessInput("fucai-3d", null, [4, 0, 8])]), CreditOffice);
        }

        if (round.Execution is null)
        {
            await steps.ExecuteAsync(session, taskId, Division, CancellationToken.None);
        }

        if (round.Assignment is null)
        {
            await steps.AssignAsync(session, taskId, Division);
        }

        await sign(host);
        return (await RoundAsync())!;
    }
}
