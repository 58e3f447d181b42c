using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Items;
using NodaTime;
using NodaTime.Text;

namespace FairDraw.Api.Tests.Items;

[Collection(nameof(ItemListCollection))]
public sealed class ChangingItems(ItemListHost fixture) : IAsyncLifetime
{
    private static readonly ItemInput Labelling = new(
        "09-02", "09", "生产者产品标识标注的检查", ["企业"], "一般", ["实地核查"], "产品质量安全监督管理处", "《中华人民共和国产品质量法》第二十七条（示例）", "区县");

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await fixture.DraftAsync(ItemListHost.SmallDraft());
        fixture.Clock.Advance(Duration.FromHours(1));
        await fixture.PublishAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_added_item_is_amended_and_retired_with_each_step_in_its_history()
    {
        await Send(s => s.Post.Json(Labelling).ToUrl(ItemUrl("")), HttpStatusCode.Created);
        await Send(s => s.Put.Json(Labelling with { Kind = "重点" }).ToUrl(ItemUrl("/09-02")), HttpStatusCode.OK);
        await Send(s => s.Post.Json(new RetireInspectionItem("并入09-01 / merged into 09-01")).ToUrl(ItemUrl("/09-02/retire")), HttpStatusCode.OK);

        var history = await HistoryAsync("09-02");
        Assert.Equal(
            [("inspection_item_added", 3L), ("inspection_item_amended", 4L), ("inspection_item_retired", 5L)],
            history.Select(e => (e.GetProperty("type").GetString(), e.GetProperty("version").GetInt64())));
        Assert.All(history, e => Assert.Equal("credit-520100", e.GetProperty("actor").GetString()));
        Assert.Equal("Key", history[1].GetProperty("data").GetProperty("item").GetProperty("kind").GetString());

        var view = await fixture.ViewAsync();
        var retired = Assert.Single(view!.Items, i => i.Code == "09-02");
        Assert.Equal((ItemStatus.Retired, ItemKind.Key, 5L, true), (retired.Status, retired.Kind, view.StreamVersion, view.Published));
    }

    [Fact]
    public async Task A_drafted_item_history_starts_with_the_draft()
    {
        await Send(s => s.Put.Json(ItemListHost.SmallDraft().Items![0] with { Name = "企业年度报告公示信息情况的检查" }).ToUrl(ItemUrl("/01-01")), HttpStatusCode.OK);

        var history = await HistoryAsync("01-01");
        Assert.Equal(["item_list_drafted", "inspection_item_amended"], history.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("企业年度报告公示信息情况的检查", Assert.Single((await fixture.ViewAsync())!.Items, i => i.Code == "01-01").Name);
    }

    [Fact]
    public async Task The_list_reads_as_it_stood_at_a_past_ledger_position_or_instant()
    {
        fixture.Clock.Advance(Duration.FromDays(30));
        await Send(s => s.Put.Json(ItemListHost.SmallDraft().Items![0] with { Name = "企业年度报告公示信息情况的检查" }).ToUrl(ItemUrl("/01-01")), HttpStatusCode.OK);
        var history = await HistoryAsync("01-01");
        var (drafted, amended) = (history[0], history[1]);
        var draftedAt = InstantPattern.ExtendedIso.Parse(drafted.GetProperty("occurredAt").GetString()!).Value;

        var before = await ReadAsync($"?asOfPosition={amended.GetProperty("sequence").GetInt64() - 1}", HttpStatusCode.OK);
        Assert.Equal(ItemListHost.SmallDraft().Items![0].Name, ItemName(before, "01-01"));
        Assert.True(before.GetProperty("published").GetBoolean());
        var now = await ReadAsync("", HttpStatusCode.OK);
        Assert.Equal("企业年度报告公示信息情况的检查", ItemName(now, "01-01"));

        // Drafted, not yet published at that instant: a draft then, so only with a token.
        await ReadAsync($"?asOf={InstantPattern.ExtendedIso.Format(draftedAt)}", HttpStatusCode.Unauthorized, anonymous: true);
        var draft = await ReadAsync($"?asOf={InstantPattern.ExtendedIso.Format(draftedAt)}", HttpStatusCode.OK);
        Assert.False(draft.GetProperty("published").GetBoolean());
        Assert.Equal(1, draft.GetProperty("streamVersion").GetInt64());

        await ReadAsync($"?asOfPosition={drafted.GetProperty("sequence").GetInt64() - 1}", HttpStatusCode.NotFound);
        await ReadAsync("?asOfPosition=-1", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Retiring_twice_is_a_conflict_and_an_unknown_item_is_not_found()
    {
        var retire = new RetireInspectionItem("不再检查 / no longer inspected");
        await Send(s => s.Post.Json(retire).ToUrl(ItemUrl("/01-01/retire")), HttpStatusCode.OK);
        await Send(s => s.Post.Json(retire).ToUrl(ItemUrl("/01-01/retire")), HttpStatusCode.Conflict);
        await Send(s => s.Post.Json(retire).ToUrl(ItemUrl("/99-01/retire")), HttpStatusCode.NotFound);
        await Send(s => s.Get.Url(ItemUrl("/99-01/history")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Changes_need_the_credit_office_of_the_jurisdiction_and_history_needs_a_token()
    {
        await Send(s => s.Post.Json(Labelling).ToUrl(ItemUrl("")), HttpStatusCode.Forbidden, fixture.Token(Role.Inspector));
        await Send(s => s.Put.Json(Labelling).ToUrl(ItemUrl("/01-01")), HttpStatusCode.Forbidden, fixture.CreditOffice("520103"));
        await fixture.Host.Scenario(s =>
        {
            s.Get.Url(ItemUrl("/01-01/history"));
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });
        Assert.Equal(2, (await fixture.EventsAsync()).Count);
    }

    private static string ItemUrl(string rest) => ItemListHost.ListUrl + "/items" + rest;

    private async Task Send(Action<Scenario> request, HttpStatusCode expected, string? token = null)
    {
        await fixture.Host.Scenario(s =>
        {
            request(s);
            s.As(token ?? fixture.CreditOffice());
            s.StatusCodeShouldBe(expected);
        });
    }

    private static string ItemName(JsonElement list, string code) =>
        list.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("code").GetString() == code).GetProperty("name").GetString()!;

    private async Task<JsonElement> ReadAsync(string query, HttpStatusCode expected, bool anonymous = false)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url(ItemListHost.ListUrl + query);
            if (!anonymous)
            {
                s.As(fixture.Token(Role.Investigator));
            }

            s.StatusCodeShouldBe(expected);
        });
        using var document = JsonDocument.Parse(await result.ReadAsTextAsync() is { Length: > 0 } text ? text : "null");
        return document.RootElement.Clone();
    }

    private async Task<IReadOnlyList<JsonElement>> HistoryAsync(string code)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url(ItemUrl($"/{code}/history"));
            s.As(fixture.Token(Role.Investigator));
            s.StatusCodeShouldBeOk();
        });
        using var document = JsonDocument.Parse(await result.ReadAsTextAsync());
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
