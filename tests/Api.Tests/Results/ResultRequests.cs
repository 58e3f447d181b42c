using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alba;
using FairDraw.Api.Draws;
using FairDraw.Api.InspectionResults;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Results;
using Marten;
using Microsoft.Extensions.DependencyInjection;
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

    public static string ExemptionUrl(string entityId, string step = "") => $"{Url()}/{entityId}/{Item}/exemption{step}";

    public const string PublicTaskUrl = $"/api/public/tasks/{DrawHost.TaskId}/results";

    public static string PublicEntityUrl(string uscc) => $"/api/public/entities/{uscc}/results";

    /// <summary>An evidence file's bytes, which <see cref="DrawnAsync"/> uploads.</summary>
    public static readonly byte[] EvidenceBytes = Encoding.UTF8.GetBytes("现场检查笔录：仓库温控记录缺失 / on-site record: storage temperature log missing");

    /// <summary>The reference to <see cref="EvidenceBytes"/> a result gives.</summary>
    public static readonly EvidenceAttachment Evidence = new(Convert.ToHexStringLower(SHA256.HashData(EvidenceBytes)), EvidenceBytes.Length);

    /// <summary>What an inspection of 05-01 (inspected on site only) found, by the two inspectors named, with <see cref="Evidence"/>.</summary>
    public static ResultInput Found(IReadOnlyList<string> inspectors, string date = "2022-06-28") => new(
        "实地核查", date, inspectors, "发现问题待后续处理", "违反其他市场监管规定", "仓库温控记录缺失 / storage temperature records missing",
        [new AttachmentInput(Evidence.Sha256, Evidence.Size)]);

    /// <summary>POSTs <paramref name="bytes"/> to the attachment store as <paramref name="token"/>.</summary>
    public static Task<IScenarioResult> UploadAsync(this LedgerHost host, byte[] bytes, string token, HttpStatusCode status = HttpStatusCode.OK) =>
        host.Host.Scenario(s =>
        {
            s.Post.ByteArray(bytes).ToUrl("/api/attachments").ContentType("application/octet-stream");
            s.As(token);
            s.StatusCodeShouldBe(status);
        });

    /// <summary>Beijing 2022-07-01 10:00, some days after the draw executed (2022-06-25).</summary>
    public static readonly Instant AfterTheDraw = Instant.FromUtc(2022, 7, 1, 2, 0);

    /// <summary>
    /// Draws the task to its assignment, sets the clock to <see cref="AfterTheDraw"/> and uploads <see cref="Evidence"/>;
    /// returns the current round and an entity with two inspectors assigned.
    /// </summary>
    public static async Task<(DrawRound Round, string EntityId, IReadOnlyList<string> Inspectors)> DrawnAsync(this DrawHost host)
    {
        await host.DrawUntilAsync(DrawHost.TaskId, host.FoodDivision, "end");
        host.Clock.Reset(AfterTheDraw);
        var round = await host.CurrentRoundAsync();
        var book = AssignmentBook.Of(round);
        var entity = round.Sample().First(id => book.InspectorsOf(id).Count == 2);
        await host.UploadAsync(EvidenceBytes, host.InspectorToken(book.InspectorsOf(entity)[0]));
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

    /// <summary>The task drawn, and the result of item 05-01 at an object recorded by its first assigned inspector.</summary>
    public static async Task<(string EntityId, IReadOnlyList<string> Inspectors)> RecordedAsync(this DrawHost host)
    {
        var (_, entity, inspectors) = await host.DrawnAsync();
        await host.RecordAsync(host.InspectorToken(inspectors[0]), new RecordResult(entity, Item, Found(inspectors)));
        return (entity, inspectors);
    }

    /// <summary>As <see cref="RecordedAsync"/>, then approved by the food division.</summary>
    public static async Task<(string EntityId, IReadOnlyList<string> Inspectors)> ApprovedAsync(this DrawHost host)
    {
        var recorded = await host.RecordedAsync();
        await host.PostAsync(ApprovalUrl(recorded.EntityId), null, host.FoodDivision);
        return recorded;
    }

    /// <summary>The one result of the task, as the food division reads it.</summary>
    public static async Task<InspectionResult> ReadResultAsync(this DrawHost host) =>
        (await host.Host.GetAsJson<TaskResultsRead>(Url(), host.FoodDivision))!.Results.Single();

    /// <summary>
    /// An anonymous GET from <paramref name="address"/>: anonymous receipts are rate-limited per address, so a test reads
    /// from an address of its own (<see cref="FreshAddress"/> when it reads more than the limit).
    /// </summary>
    public static Task<IScenarioResult> AnonymousAsync(this LedgerHost host, string url, HttpStatusCode status, string address) =>
        host.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.ConfigureHttpContext(context => context.Connection.RemoteIpAddress = IPAddress.Parse(address));
            s.StatusCodeShouldBe(status);
        });

    private static int addresses;

    /// <summary>An address no other request of the run reads from, so the anonymous limit never refuses a visibility check.</summary>
    public static string FreshAddress()
    {
        var n = Interlocked.Increment(ref addresses);
        return $"198.18.{n / 250 % 250}.{n % 250 + 1}";
    }

    /// <summary>The ledger positions of the events of the result of item 05-01 at <paramref name="entityId"/>.</summary>
    public static async Task<IReadOnlyList<long>> ResultSequencesAsync(this DrawHost host, string entityId)
    {
        await using var session = host.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return [.. (await session.Events.FetchStreamAsync(StreamKeys.Result(DrawHost.TaskId, entityId, Item))).Select(e => e.Sequence)];
    }

    /// <summary>The problem's <c>field</c>.</summary>
    public static async Task<string?> FieldAsync(this IScenarioResult refusal) =>
        (await refusal.ReadAsJsonAsync<JsonElement>()).GetProperty("field").GetString();
}
