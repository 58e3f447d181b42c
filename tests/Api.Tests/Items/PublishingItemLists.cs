using System.Net;
using Alba;
using FairDraw.Api.Items;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Items;
using FairDraw.Projections.Items;

namespace FairDraw.Api.Tests.Items;

[Collection(nameof(ItemListCollection))]
public sealed class PublishingItemLists(ItemListHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_draft_is_hidden_from_the_public_until_it_is_published()
    {
        await fixture.DraftAsync(ItemListHost.SmallDraft());

        await fixture.Host.Scenario(s =>
        {
            s.Get.Url(ItemListHost.ListUrl);
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });
        Assert.Empty(await AnonymousListsAsync());
        var draft = await fixture.Host.GetAsJson<ItemListView>(ItemListHost.ListUrl, fixture.Token(Role.Auditor));
        Assert.Equal((false, 2), (draft!.Published, draft.Items.Length));

        await fixture.PublishAsync();

        var published = await fixture.Host.Scenario(s =>
        {
            s.Get.Url(ItemListHost.ListUrl);
            s.StatusCodeShouldBeOk();
        });
        var view = await published.ReadAsJsonAsync<ItemListView>();
        Assert.Equal((true, "2021版", 2L), (view!.Published, view.Version, view.StreamVersion));
        Assert.NotNull(view.PublishedAt);
        var summary = Assert.Single(await AnonymousListsAsync());
        Assert.Equal(new ItemListSummary("520100", "2021版", "贵阳市市场监管系统随机抽查事项清单（2021版）", true, view.PublishedAt, 2, 2, 2), summary);
        Assert.Equal([typeof(ItemListDrafted), typeof(ItemListPublished)], (await fixture.EventsAsync()).Select(e => e.GetType()));
    }

    [Fact]
    public async Task A_published_list_is_not_published_again()
    {
        await fixture.DraftAsync(ItemListHost.SmallDraft());
        await fixture.PublishAsync();

        await fixture.Host.Scenario(s =>
        {
            s.Post.Url(ItemListHost.ListUrl + "/publish");
            s.As(fixture.CreditOffice());
            s.StatusCodeShouldBe(HttpStatusCode.Conflict);
        });
    }

    [Fact]
    public async Task An_invalid_draft_names_the_field_and_writes_nothing()
    {
        var draft = ItemListHost.SmallDraft();
        var result = await fixture.Host.Scenario(s =>
        {
            s.Post.Json(draft with { Items = [draft.Items![0] with { Methods = [] }] }).ToUrl("/api/item-lists");
            s.As(fixture.CreditOffice());
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });

        Assert.Contains("\"field\":\"items[0].methods\"", await result.ReadAsTextAsync(), StringComparison.Ordinal);
        Assert.Null(await fixture.ViewAsync());
    }

    [Theory]
    [InlineData("""{"categories":[null]}""", "categories[0]")]
    [InlineData("""{"items":[null]}""", "items[0]")]
    [InlineData("""{"items":[{"code":"09-02","categoryCode":"09","name":"抽查","objectTypes":[null],"kind":"一般","methods":["书面检查"],"responsibleDepartment":"处","legalBasis":"法","level":"区县"}]}""", "items[0].objectTypes")]
    public async Task A_draft_with_a_null_entry_names_its_path_and_writes_nothing(string content, string field)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(ItemListHost.SmallDraft(), System.Text.Json.JsonSerializerOptions.Web);
        var body = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        foreach (var (key, value) in System.Text.Json.Nodes.JsonNode.Parse(content)!.AsObject().ToList())
        {
            body[key] = value?.DeepClone();
        }

        var result = await fixture.Host.Scenario(s =>
        {
            s.Post.ByteArray(System.Text.Encoding.UTF8.GetBytes(body.ToJsonString())).ToUrl("/api/item-lists").ContentType("application/json");
            s.As(fixture.CreditOffice());
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });

        Assert.Contains($"\"field\":\"{field}\"", await result.ReadAsTextAsync(), StringComparison.Ordinal);
        Assert.Null(await fixture.ViewAsync());
    }

    [Theory]
    [InlineData(Role.BusinessDivision, "520100")]
    [InlineData(Role.Registrar, "520100")]
    [InlineData(Role.CreditOffice, "520102")]
    [InlineData(Role.CreditOffice, "520300")]
    public async Task Only_the_credit_office_of_the_jurisdiction_drafts(Role role, string jurisdiction)
    {
        await fixture.Host.Scenario(s =>
        {
            s.Post.Json(ItemListHost.SmallDraft()).ToUrl("/api/item-lists");
            s.As(fixture.Token(role, jurisdiction));
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        });

        Assert.Null(await fixture.ViewAsync());
    }

    [Theory]
    [InlineData(Role.DistrictBureau, "520100")]
    [InlineData(Role.CreditOffice, "520111")]
    public async Task Only_the_credit_office_of_the_jurisdiction_publishes(Role role, string jurisdiction)
    {
        await fixture.DraftAsync(ItemListHost.SmallDraft());

        await fixture.Host.Scenario(s =>
        {
            s.Post.Url(ItemListHost.ListUrl + "/publish");
            s.As(fixture.Token(role, jurisdiction));
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        });

        Assert.False((await fixture.ViewAsync())!.Published);
    }

    [Fact]
    public async Task An_unknown_list_is_not_found()
    {
        await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/api/item-lists/520100/2020%E7%89%88");
            s.As(fixture.CreditOffice());
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
    }

    private async Task<IReadOnlyList<ItemListSummary>> AnonymousListsAsync()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/api/item-lists");
            s.StatusCodeShouldBeOk();
        });
        return (await result.ReadAsJsonAsync<IReadOnlyList<ItemListSummary>>())!;
    }
}
