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
/// March 2021; the committed sources resolve on 2021-04-03 (a drand round of the default chain, 福彩3D of that day).
/// </summary>
public static class DrawRequests
{
    public static readonly Instant SourcesResolved = Instant.FromUtc(2021, 4, 3, 14, 0);

    public static readonly long DrandRound = ((Instant.FromUtc(2021, 4, 3, 0, 0).ToUnixTimeSeconds() - 1595431050) / 30) + 1;

    public static CommitDraw Commitment(long? drandRound = null, string day = "2021-04-03") => new(
        [
            new SourceInput("drand", RandomnessSource.Drand, "default", drandRound ?? DrandRound, null, null, null),
            new SourceInput("fucai-3d", RandomnessSource.Lottery, null, null, "福彩3D", NodaTime.Text.LocalDatePattern.Iso.Parse(day).Value, "2021083"),
        ],
        null);

    public static readonly PublishCommitment Notice = new("贵阳市市场监督管理局门户网站", "2021年第12号摇号公告");

    public static readonly RecordRandomness Values = new([new RandomnessInput("drand", new string('c', 96), null), new RandomnessInput("fucai-3d", null, [3, 9, 1])]);

    public static string Url(string taskId, string step) => $"/api/tasks/{taskId}/draw/{step}";

    public static Task<IScenarioResult> StepAsync(this LedgerHost host, string taskId, string step, object? body, string token, HttpStatusCode status = HttpStatusCode.OK) =>
        host.PostAsync(Url(taskId, step), body, token, status);

    /// <summary>The city's credit supervision office, which countersigns adjustments in the tests (the approving role).</summary>
    public static string CreditOfficeApproval(this LedgerHost host) => host.Token(Role.CreditOffice, "520100", "credit-office");

    /// <summary>A substitution or reassignment by <paramref name="token"/>, countersigned by <paramref name="approval"/> (none when null).</summary>
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

    /// <summary>A redraw's sources, four days after <see cref="Commitment"/>'s.</summary>
    public static readonly CommitDraw SecondCommitment =
        Commitment(((Instant.FromUtc(2021, 4, 7, 0, 0).ToUnixTimeSeconds() - 1595431050) / 30) + 1, "2021-04-07");

    /// <summary>
    /// Sets a round aside by appending its countersigned <see cref="RoundSetAside"/> to the task stream directly (the
    /// set-aside step of issue 20 is built apart), then freezes and commits the next round over <see cref="SecondCommitment"/>.
    /// </summary>
    public static async Task SetAsideAndRedrawAsync(this LedgerHost host, string taskId, int round, string token)
    {
        await using (var session = host.Host.DocumentStore().LightweightSession())
        {
            session.Events.Append(
                StreamKeys.Task(taskId),
                new RoundSetAside(taskId, round, "名录错误，重新抽取 / directory error, draw again", "名录更正通知", "credit-office", "food-division", host.Clock.GetCurrentInstant()));
            await StreamAppend.SaveAsync(session);
        }

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
    /// commitment, publication, randomness, execution, assignments.
    /// </summary>
    public static async Task DrawUntilAsync(this LedgerHost host, string taskId, string token, string before, string from = "pool")
    {
        host.Clock.Reset(Instant.FromUtc(2021, 3, 1, 9, 0));
        string[] order = ["pool", "commitment", "commitment/publication", "randomness", "execution", "assignments", "end"];
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
                case "execution":
                case "assignments":
                    await host.StepAsync(taskId, step, null, token);
                    break;
            }
        }
    }
}
