using FairDraw.Api.Draws;
using FairDraw.Api.Items;
using FairDraw.Api.Plans;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Integrity;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Draws;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Storage;
using Marten;
using NodaTime;
using static FairDraw.Api.Demo.DemoClock;

namespace FairDraw.Api.Demo;

/// <summary>
/// The demo's complete draws: the city business division's 2021 plan (every item of the list covered), filed, and its
/// task 01 (enterprise annual-report disclosure, stratified by risk class) and joint task 03 (food producers, with the
/// food-production department) drawn from pool to assignments through the same steps the API runs, on the demo's 2021 timeline (<see cref="DemoClock"/>). Its drand source is a real beacon of
/// the default chain (<see cref="Beacon"/>: the nearest published one found after the plan, June 2022, so the round waits
/// for it); the 福彩3D numbers are a demo input, not that day's result, and the demo says so.
/// </summary>
public static class DemoDraw
{
    public const string PlanId = "2021-520100-SJJ";
    public const string TaskId = PlanId + "-T01";

    /// <summary>The joint task (部门联合抽查): food producers, the lead's annual-report item beside the food department's own.</summary>
    public const string JointTaskId = PlanId + "-T03";

    /// <summary>The joint task's partner: the responsible department of the food-production items (03-xx) of the list.</summary>
    public const string FoodDepartment = "食品生产安全监督管理处";

    /// <summary>How often publication looks for a checkpoint that holds the commitment, half a second apart.</summary>
    private const int CheckpointAttempts = 60;

    private static readonly Actor Division = new("business-division", Role.BusinessDivision, DivisionCode.Parse(Guiyang.City));

    /// <summary>The city's credit supervision office, the second party that confirms the lottery value before execution.</summary>
    private static readonly Actor CreditOffice = new("credit-office", Role.CreditOffice, DivisionCode.Parse(Guiyang.City));

    public sealed record Outcome(bool AlreadyDrawn, string CommitHash, int PoolSize, int SampleSize, int Infeasible);

    /// <summary>
    /// drand default round 2023932 (2022-06-25 09:23 UTC) with its previous signature, as drand's HTTP API served it,
    /// quoted in drand/drand issue 1031 (github.com/drand/drand/issues/1031); verified with verifier/drand.mjs.
    /// </summary>
    public static readonly (long Round, string Signature, string PreviousSignature) Beacon = (
        2023932,
        "a5702e4ae1e32024124db9ca96b478dee155f2069ecb98cf92063c06756a25242c9c6a88c41acf71757786d0af1e789008b50b3569521e9f5dfc1eafa0c1dd3939e02bf71382fee7c0e8b73d90e89c555664ab04a511fb0584637c7a9a44728b",
        "b1fbcea58c77f1b96f68dfcd2b7e12c1232ebdaceb567470e53c8f9dc0a0608fc6e98758dec12e5541b6162886c55ca803b0449adedc89516a86e8707ca22c1c193334c7f1d216d69468e3ba0ebc83b6a6840d5f918099cba805813fb376c646");

    public static async Task<Outcome> LoadAsync(
        IDocumentStore store, EntityPoolReader reader, DrawPools pools, LedgerProofs proofs, LedgerLog log, CheckpointSigner signer,
        DrandCheck drand, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        var existing = await TaskDraws.LoadAsync(session, TaskId);
        if (existing.State?.Current.Assignment is not null)
        {
            return Summary(existing.State.Current, alreadyDrawn: true);
        }

        var clock = new DemoClock(DemoClock.PlanDrafted);
        var steps = new DrawSteps(pools, proofs, signer, drand, clock);
        if (await PlanReads.CurrentAsync(session, Ledger.Plans.PlanId.Parse(PlanId)) is null)
        {
            await FilePlanAsync(session, reader, clock, cancellation);
        }

        await CommitAsync(session, steps, log, clock, TaskId, At(2021, 4, 1, 9), "2021年双随机抽查摇号公告第1号（演示）", cancellation);
        await CommitAsync(session, steps, log, clock, JointTaskId, At(2021, 4, 1, 10), "2021年部门联合抽查摇号公告第2号（演示）", cancellation);
        clock.Now = At(2022, 6, 25, 18); // after the drand round (17:23 Beijing time), within its 72 h grace
        await ExecuteAsync(session, steps, clock, TaskId, cancellation);
        clock.Now = At(2022, 6, 25, 18, 10);
        await ExecuteAsync(session, steps, clock, JointTaskId, cancellation);
        await log.IntegrateAsync(cancellation); // the server does this every 250 ms; the demo runs before it starts
        await log.CheckpointAsync(cancellation);
        return Summary((await TaskDraws.LoadAsync(session, TaskId)).State!.Current, alreadyDrawn: false);
    }

    /// <summary>Freezes a task's pool, commits its draw and publishes the commitment, each step once.</summary>
    private static async Task CommitAsync(
        IDocumentSession session, DrawSteps steps, LedgerLog log, DemoClock clock, string taskId, Instant frozenAt, string notice,
        CancellationToken cancellation)
    {
        if ((await TaskDraws.LoadAsync(session, taskId)).State is null)
        {
            clock.Now = frozenAt;
            await steps.FreezeAsync(session, taskId, new FreezePool(null), Division, cancellation);
        }

        var draw = (await TaskDraws.LoadAsync(session, taskId)).State!.Current;
        if (draw.Commitment is null)
        {
            clock.Now = frozenAt.Plus(Duration.FromMinutes(5));
            await steps.CommitAsync(session, taskId, Commitment(), Division);
        }

        if (draw.Publication is null)
        {
            clock.Now = frozenAt.Plus(Duration.FromMinutes(30));
            for (var attempt = 1; ; attempt++)
            {
                // This process signs the checkpoint unless a running server leads the log; then the server does, within
                // about a second (LedgerLogWorker), and publication waits for it.
                await log.IntegrateAsync(cancellation);
                await log.CheckpointAsync(cancellation);
                try
                {
                    await steps.PublishAsync(session, taskId, new PublishCommitment("贵阳市市场监督管理局门户网站（演示）", notice), Division, cancellation);
                    break;
                }
                catch (DomainException waiting) when (waiting.Field == "checkpoint" && attempt < CheckpointAttempts)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellation);
                }
            }
        }
    }

    /// <summary>Records the beacon and the lottery numbers, has the office confirm them, executes and assigns, each once.</summary>
    private static async Task ExecuteAsync(IDocumentSession session, DrawSteps steps, DemoClock clock, string taskId, CancellationToken cancellation)
    {
        var draw = (await TaskDraws.LoadAsync(session, taskId)).State!.Current;
        if (draw.Randomness is null)
        {
            await steps.RecordRandomnessAsync(session, taskId, DemoValues(), Division, cancellation);
        }

        if (draw.Confirmation is null)
        {
            // The office enters the numbers again, as read from the announcement.
            await steps.ConfirmAsync(session, taskId, new ConfirmLotteryValues([new RandomnessInput("fucai-3d", null, [4, 0, 8])]), CreditOffice);
        }

        if (draw.Execution is null)
        {
            await steps.ExecuteAsync(session, taskId, Division, cancellation);
        }

        if (draw.Assignment is null)
        {
            await steps.AssignAsync(session, taskId, Division);
        }
    }

    /// <summary>
    /// Task 01 draws annual-report disclosure per risk class; task 02 covers every other item of the list; task 03 is the
    /// joint inspection of food producers with the food-production department.
    /// </summary>
    private static async Task FilePlanAsync(IDocumentSession session, EntityPoolReader reader, DemoClock clock, CancellationToken cancellation)
    {
        var list = await ItemListReads.CurrentAsync(session, ItemListId.Parse(Guiyang.City, DemoItemList.Version))
            ?? throw new InvalidOperationException("load the demo item list first");
        var active = list.Items.Where(item => item.Status == ItemStatus.Active).Select(item => item.Code).ToList();
        string[] disclosure = ["01-01", "01-02"];
        var draft = new DraftPlan(
            2021,
            Guiyang.City,
            "SJJ",
            "贵阳市市场监督管理局",
            new ItemListReference(Guiyang.City, DemoItemList.Version),
            [
                new TaskInput(
                    "T01", "企业公示信息抽查（按信用风险分类）", disclosure, null, "RiskClass",
                    [new StratumInput("A", "1/100", null), new StratumInput("B", "3/100", null), new StratumInput("C", "5/100", null), new StratumInput("D", "10/100", null)],
                    2, 20, true, "信用监管处", [], "2021-04-01", "2021-11-05"),
                new TaskInput(
                    "T02", "其他事项综合抽查", [.. active.Except(disclosure)], null, "None", [new StratumInput("all", "1/100", null)],
                    2, 20, true, "信用监管处", [FoodDepartment, "特种设备安全监察处"], "2021-05-01", "2021-11-05"),
                new TaskInput(
                    "T03", "食品生产企业部门联合抽查", ["01-02", "03-01"], new TargetingInput(null, null, null, ["食品生产"], null), "None",
                    [new StratumInput("all", "2/100", null)], 2, 20, false, "信用监管处", [FoodDepartment], "2021-04-01", "2021-11-05"),
            ]);
        var id = PlanDecisions.AuthorizeDraft(draft.Year, draft.Jurisdiction, draft.Department, Division);
        var context = await PlanContexts.ReadAsync(session, reader, id, draft.ToContent(), [], cancellation);
        await StreamAppend.AppendAsync(session, id.StreamKey, read: null, PlanDecisions.Draft(draft, null, context, Division, clock.GetCurrentInstant()));
        clock.Now = At(2021, 3, 16, 10);
        var drafted = await PlanReads.CurrentAsync(session, id);
        await StreamAppend.AppendAsync(session, id.StreamKey, drafted, PlanDecisions.File(drafted!.ToState(), Division, clock.GetCurrentInstant()));
    }

    public static CommitDraw Commitment() => new(
            [
                new SourceInput("drand", RandomnessSource.Drand, "default", Beacon.Round, null, null, null),
                new SourceInput("fucai-3d", RandomnessSource.Lottery, null, null, "福彩3D", new LocalDate(2021, 4, 3), "2021086"),
            ],
            null);

    /// <summary>The real drand beacon, and a demo input for 福彩3D (three digits): NOT that day's result.</summary>
    public static RecordRandomness DemoValues() => new(
    [
        new RandomnessInput("drand", Beacon.Signature, null, Beacon.PreviousSignature),
        new RandomnessInput("fucai-3d", null, [4, 0, 8], Announcement: "中国福利彩票福彩3D第2021086期开奖公告（演示 / demo）"),
    ]);

    private static Outcome Summary(DrawRound round, bool alreadyDrawn) =>
        new(alreadyDrawn, round.Commitment!.CommitHash, round.Pool.EntityCount, round.Execution!.Selected.Count, round.Assignment!.Infeasible.Count);
}
