using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Results;
using NodaTime;

namespace FairDraw.Api.Tests.Results;

/// <summary>The draws host's task drawn to its assignment, and result requests against it by the inspectors it assigned.</summary>
public static class ResultRequests
{
    public const string Item = "05-01";

    public static string Url(string taskId = DrawHost.TaskId) => $"/api/tasks/{taskId}/results";

    public static string CorrectionUrl(string entityId, string itemCode = Item) => $"{Url()}/{entityId}/{itemCode}/corrections";

    public static string ApprovalUrl(string entityId, string itemCode = Item) => $"{Url()}/{entityId}/{itemCode}/approval";

    public static string ReturnUrl(string entityId, string itemCode = Item) => $"{Url()}/{entityId}/{itemCode}/return";

    public static string PublicationUrl(string entityId, string itemCode = Item) => $"{Url()}/{entityId}/{itemCode}/publication";

    /// <summary>What an inspection of 05-01 (inspected on site only) found, by the two inspectors named.</summary>
    public static ResultInput Found(IReadOnlyList<string> inspectors, string date = "2022-06-28") => new(
        "实地核查", date, inspectors, "发现问题待后续处理", "违反其他市场监管规定", "仓库温控记录缺失 / storage temperature records missing",
        [new AttachmentInput(new string('a', 64), 2048)]);

    /// <summary>Beijing 2022-07-01 10:00, some days after the draw executed (2022-06-25).</summary>
    public static readonly Instant AfterTheDraw = Instant.FromUtc(2022, 7, 1, 2, 0);

    /// <summary>
    /// Draws the task to its assignment and sets the clock to <see cref="AfterTheDraw"/>; returns the current round and
    /// an entity with two inspectors assigned.
    /// </summary>
    public static async Task<(DrawRound Round, string EntityId, IReadOnlyList<string> Inspectors)> DrawnAsync(this DrawHost host)
    {
        await host.DrawUntilAsync(DrawHost.TaskId, host.FoodDivision, "end");
        host.Clock.Reset(AfterTheDraw);
        var round = await host.CurrentRoundAsync();
        var book = AssignmentBook.Of(round);
        var entity = round.Sample().First(id => book.InspectorsOf(id).Count == 2);
        return (round, entity, book.InspectorsOf(entity));
    }

    public static async Task<DrawRound> CurrentRoundAsync(this DrawHost host) =>
        (await host.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", host.FoodDivision))!.Current;

    public static string InspectorToken(this LedgerHost host, string inspectorId) => host.Token(Role.Inspector, "520102", inspectorId);

    /// <summary>An official's token naming the department of the task's results (<see cref="DrawHost.FoodDepartment"/>).</summary>
    public static string Official(this LedgerHost host, Role role, string jurisdiction, string user = "tester") =>
        host.Token(role, jurisdiction, user, DrawHost.FoodDepartment);

    public static Task<IScenarioResult> RecordAsync(
        this LedgerHost host, string token, RecordResult command, HttpStatusCode status = HttpStatusCode.Created) =>
        host.PostAsync(Url(), command, token, status);

    /// <summary>The problem's <c>field</c>.</summary>
    public static async Task<string?> FieldAsync(this IScenarioResult refusal) =>
        (await refusal.ReadAsJsonAsync<JsonElement>()).GetProperty("field").GetString();
}
