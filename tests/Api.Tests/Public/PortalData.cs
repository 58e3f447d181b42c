using System.Globalization;
using System.Net;
using System.Text.Json;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Plans;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Plans;
using NodaTime;

namespace FairDraw.Api.Tests.Public;

/// <summary>
/// What the portal's tests add to the collection's ledger, once: a plan of its own (so the other tests' tasks stay as
/// they are) whose task T01 was drawn to its end, set aside, and frozen again without a commitment (a round in
/// progress after an executed round), and whose task T02 is committed now, on the real clock the page server reads,
/// to a drand round and a 福彩3D issue three days ahead, and so waits for its sources; T03 was committed in 2021 and never
/// published, so it has lapsed.
/// </summary>
public static class PortalData
{
    public const string PlanId = "2021-520100-PTL";
    public const string RedrawnTask = PlanId + "-T01";
    public const string WaitingTask = PlanId + "-T02";
    public const string LapsedTask = PlanId + "-T03";

    /// <summary>Three days from now, in Beijing: when the waiting task's sources resolve.</summary>
    public static readonly ZonedDateTime Resolves =
        SystemClock.Instance.GetCurrentInstant().Plus(Duration.FromDays(3)).InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]);

    public static readonly DrandChain Chain = SourceRegistry.Chain("default")!;

    /// <summary>The drand round of the default chain three days ahead.</summary>
    public static readonly long DrandRound = ((Resolves.ToInstant() - Chain.Genesis).BclCompatibleTicks / Chain.Period.BclCompatibleTicks) + 1;

    /// <summary>The 福彩3D issue drawn three days ahead (a daily game: the day's draw count of the year).</summary>
    public static readonly string Issue = $"{Resolves.Year}{SourceRegistry.Game("福彩3D")!.ScheduledThrough(Resolves.Date):D3}";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool prepared;

    public static async Task EnsureAsync(PublicPageHost host)
    {
        await Gate.WaitAsync();
        try
        {
            if (prepared)
            {
                return;
            }

            var ledger = host.Ledger;
            ledger.Clock.Reset(Instant.FromUtc(2021, 3, 1, 9, 0));
            var plan = new DraftPlan(2021, "520100", "PTL", "贵阳市市场监管综合行政执法支队", PlanHost.List,
                [PlanHost.FoodTask("T01", "1/10"), PlanHost.FoodTask("T02", "1/10"), PlanHost.FoodTask("T03", "1/10")]);
            await ledger.PostAsync("/api/plans", plan, ledger.FoodDivision, HttpStatusCode.Created);
            await ledger.PostAsync($"/api/plans/{PlanId}/filing", null, ledger.FoodDivision);
            await ledger.DrawUntilAsync(RedrawnTask, ledger.FoodDivision, "end");
            await ledger.AdjustAsync(RedrawnTask, "set-aside", DrawRequests.SetAside, ledger.FoodDivision, ledger.CreditOfficeApproval());
            await ledger.StepAsync(RedrawnTask, "pool", new FreezePool("名录错误 / directory error"), ledger.FoodDivision);
            await ledger.DrawUntilAsync(LapsedTask, ledger.FoodDivision, "commitment/publication");
            ledger.Clock.Reset(SystemClock.Instance.GetCurrentInstant());
            await ledger.StepAsync(WaitingTask, "pool", new FreezePool(null), ledger.FoodDivision);
            var sources = DrawRequests.Commitment(DrandRound, Resolves.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Issue);
            await ledger.StepAsync(WaitingTask, "commitment", sources, ledger.FoodDivision);
            await ledger.CheckpointAsync();
            prepared = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The entity's name in the directory, as any role reads it.</summary>
    public static async Task<string> EntityNameAsync(PublicPageHost host, string uscc)
    {
        var entity = await host.Ledger.Host.GetAsJson<JsonElement>($"/api/entities/{uscc}", host.Ledger.FoodDivision);
        return entity.GetProperty("name").GetString()!;
    }
}
