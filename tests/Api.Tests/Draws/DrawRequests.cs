using System.Net;
using Alba;
using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// The DRAW-v1 steps as HTTP requests, shared by the draw scenarios and the authorisation matrix. The clock starts in
/// March 2021; the committed sources are 福彩3D of 2021-04-03 and a real drand beacon of the default chain, the nearest
/// published one found after the plan (<see cref="DrandBeacons.June2022"/>), so the round's randomness is recorded then.
/// </summary>
public static class DrawRequests
{
    public static readonly Instant SourcesResolved = DrandBeacons.June2022.Time + Duration.FromMinutes(37);

    public static readonly long DrandRound = DrandBeacons.June2022.Round;

    public static CommitDraw Commitment(long? drandRound = null, string day = "2021-04-03", string issue = "2021083") => new(
        [
            new SourceInput("drand", RandomnessSource.Drand, "default", drandRound ?? DrandRound, null, null, null),
            new SourceInput("fucai-3d", RandomnessSource.Lottery, null, null, "福彩3D", NodaTime.Text.LocalDatePattern.Iso.Parse(day).Value, issue),
        ],
        null);

    public static readonly PublishCommitment Notice = new("贵阳市市场监督管理局门户网站", "2021年第12号摇号公告");

    /// <summary>The official announcement the lottery value is read from (福彩3D, issue 2021083).</summary>
    public const string Announcement = "https://www.cwl.gov.cn/ygkj/wqkjgg/fc3d/2021083";

    public static readonly RecordRandomness Values = new(
        [DrandBeacons.June2022.Input(), new RandomnessInput("fucai-3d", null, [3, 9, 1], Announcement: Announcement)]);

    /// <summary>The lottery numbers as the second party reads them again from the announcement.</summary>
    public static readonly ConfirmLotteryValues Confirmation = new([new RandomnessInput("fucai-3d", null, [1, 3, 9])]);

    /// <summary>Why a round is set aside, and the evidence (a countersigned set-aside precedes every redraw of a committed round).</summary>
    public static readonly SetAsideRound SetAside = new("抽中对象所在园区封闭管理 / the drawn park was closed", "园区管委会封闭通知（2021年第3号）");

    public static string Url(string taskId, string step) => $"/api/tasks/{taskId}/draw/{step}";

    public static Task<IScenarioResult> StepAsync(this LedgerHost host, string taskId, string step, object? body, string token, HttpStatusCode status = HttpStatusCode.OK) =>
        host.PostAsync(Url(taskId, step), body, token, status);

    /// <summary>The city's credit supervision office, which countersigns adjustments in the tests (the approving role).</summary>
    public static string CreditOfficeApproval(this LedgerHost host) => host.Token(Role.CreditOffice, "520100", "credit-office");

    /// <summary>A substitution, reassignment or set-aside by <paramref name="token"/>, countersigned by <paramref name="approval"/> (none when null).</summary>
    public static Task<IScenarioResult> AdjustAsync(
        this LedgerHost host, string taskId, string step, object body, string token, string? approval, HttpStatusCode status = HttpStatusCode.OK) =>
        host.Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(Url(taskId, step));
            s.As(token);
            if (approval is not null)
            {
                s.WithRequestHeader(DrawEndpoints.ApprovalHeader, approval);
            }

            s.StatusCodeShouldBe(status);
        });

    /// <summary>
    /// The city's credit supervision office confirms the recorded lottery values (step 4a), as every draw that records
    /// randomness and then executes needs.
    /// </summary>
    public static Task<IScenarioResult> ConfirmLotteryAsync(this LedgerHost host, string taskId, HttpStatusCode status = HttpStatusCode.OK) =>
        host.StepAsync(taskId, "randomness/confirmation", Confirmation, host.CreditOfficeApproval(), status);

    /// <summary>
    /// A redraw's sources, after every instant the first round's steps take: a real drand round of September 2023 and the
    /// 福彩3D draw of 2022-07-05 (the 186th day of 2022: its issue lies between 171 and 186, docs/draw-protocol.md §13).
    /// </summary>
    public static readonly CommitDraw SecondCommitment = Commitment(DrandBeacons.September2023.Round, "2022-07-05", "2022179");

    /// <summary>
    /// Sets a round aside (the drawing department, countersigned by the city's credit office), then freezes and commits
    /// the next round over <see cref="SecondCommitment"/>.
    /// </summary>
    public static async Task SetAsideAndRedrawAsync(this LedgerHost host, string taskId, int round, string token)
    {
        await host.AdjustAsync(taskId, "set-aside", SetAside, token, host.CreditOfficeApproval());
        await host.StepAsync(taskId, "pool", new FreezePool("名录错误 / directory error"), token);
        await host.StepAsync(taskId, "commitment", SecondCommitment, token);
        await host.CheckpointAsync();
    }

    /// <summary>Integrates the Merkle log and signs a checkpoint, as the background worker would.</summary>
    public static async Task CheckpointAsync(this LedgerHost host)
    {
        var log = host.Host.Services.GetRequiredService<LedgerLog>();
        await log.IntegrateAsync(CancellationToken.None);
        await log.CheckpointAsync(CancellationToken.None);
    }

    /// <summary>
    /// Runs the steps in order from <paramref name="from"/> up to (not including) <paramref name="before"/>: pool,
    /// commitment, publication, randomness, its confirmation, execution, assignments.
    /// </summary>
    public static async Task DrawUntilAsync(this LedgerHost host, string taskId, string token, string before, string from = "pool")
    {
        host.Clock.Reset(Instant.FromUtc(2021, 3, 1, 9, 0));
        string[] order = ["pool", "commitment", "commitment/publication", "randomness", "randomness/confirmation", "execution", "assignments", "end"];
        foreach (var step in order.SkipWhile(step => step != from).TakeWhile(step => step != before))
        {
            switch (step)
            {
                case "pool":
                    await host.StepAsync(taskId, step, new FreezePool(null), token);
                    break;
                case "commitment":
                    await host.StepAsync(taskId, step, Commitment(), token);
                    await host.CheckpointAsync();
                    break;
                case "commitment/publication":
                    await host.StepAsync(taskId, step, Notice, token);
                    break;
                case "randomness":
                    host.Clock.Reset(SourcesResolved);
                    await host.StepAsync(taskId, step, Values, token);
                    break;
                case "randomness/confirmation":
                    await host.ConfirmLotteryAsync(taskId);
                    break;
                case "execution":
                case "assignments":
                    await host.StepAsync(taskId, step, null, token);
                    break;
            }
        }
    }
}
