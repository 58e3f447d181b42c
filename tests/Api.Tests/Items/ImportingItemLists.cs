using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Alba;
using FairDraw.Api.Demo;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Items;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace FairDraw.Api.Tests.Items;

[Collection(nameof(ItemListCollection))]
public sealed class ImportingItemLists(ItemListHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Importing_the_shipped_2021_list_drafts_30_categories_and_91_items()
    {
        await fixture.Host.Scenario(s =>
        {
            s.Post.ByteArray(File.ReadAllBytes(DemoItemList.FilePath)).ToImportUrl().ContentType("text/csv");
            s.As(fixture.CreditOffice());
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        });

        var drafted = Assert.IsType<ItemListDrafted>(Assert.Single(await fixture.EventsAsync()));
        Assert.Equal(("credit-520100", 30, 91), (drafted.DraftedBy, drafted.Categories.Count, drafted.Items.Count));

        var view = await fixture.ViewAsync();
        Assert.NotNull(view);
        Assert.Equal((30, 91, false, 1L), (view.Categories.Length, view.Items.Length, view.Published, view.StreamVersion));
        Assert.All(view.Items, item => Assert.Equal(ItemStatus.Active, item.Status));
        var survey = Assert.Single(view.Items, i => i.Code == "09-01");
        Assert.Equal(
            ("09", ItemKind.Key, ItemLevel.CityCoordinated, "《中华人民共和国产品质量法》第十五条"),
            (survey.CategoryCode, survey.Kind, survey.Level, survey.LegalBasis));
        Assert.Equal([InspectionMethod.Delegated], survey.Methods);
        Assert.Equal([EntityType.Enterprise], survey.ObjectTypes);
    }

    [Fact]
    public async Task A_multipart_upload_with_english_headers_quotes_and_crlf_is_read_from_its_file_field()
    {
        const string csv = "code,categoryCode,categoryName,name,objectTypes,kind,methods,responsibleDepartment,legalBasis,level\r\n"
            + "16-01,16,价格,明码标价情况的检查,\"Enterprise;IndividualBusiness\",General,OnSite；OnlineMonitoring,价格监督检查和反不正当竞争处,\"《中华人民共和国价格法》第三十四条, 第十三条\"\"示例\"\"\",District\r\n"
            + ",,,,,,,,,\r\n";
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "price.csv");

        await fixture.Host.Scenario(s =>
        {
            s.Post.MultipartFormData(form).ToImportUrl();
            s.As(fixture.CreditOffice());
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        });

        var item = Assert.Single((await fixture.ViewAsync())!.Items);
        Assert.Equal(("16-01", "《中华人民共和国价格法》第三十四条, 第十三条\"示例\""), (item.Code, item.LegalBasis));
        Assert.Equal([EntityType.Enterprise, EntityType.IndividualBusiness], item.ObjectTypes);
        Assert.Equal([InspectionMethod.OnSite, InspectionMethod.OnlineMonitoring], item.Methods);
    }

    [Fact]
    public async Task A_file_with_bad_rows_is_rejected_whole_naming_each_line_and_column()
    {
        var lines = File.ReadAllLines(DemoItemList.FilePath, Encoding.UTF8);
        lines[4] = lines[4].Replace(",书面检查;实地核查,", ",电话核查,", StringComparison.Ordinal);
        lines[9] = lines[9].Replace(",重点,", ",,", StringComparison.Ordinal);
        lines[21] = lines[21].Replace(",食用农产品,", ",食用农产品市场,", StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(string.Join('\n', lines));

        var result = await fixture.Host.Scenario(s =>
        {
            s.Post.ByteArray(body).ToImportUrl().ContentType("text/csv");
            s.As(fixture.CreditOffice());
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });

        using var problem = JsonDocument.Parse(await result.ReadAsTextAsync());
        var errors = problem.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString()))
            .ToList();
        Assert.Equal([(5, "methods"), (10, "kind")], errors.Take(2));
        Assert.Equal(3, problem.RootElement.GetProperty("totalErrors").GetInt32());
        Assert.Equal((22, "categoryName"), errors[2]);

        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.Null(await session.Events.FetchStreamStateAsync(ItemListId.Parse(ItemListHost.Guiyang, ItemListHost.Version).StreamKey));
        Assert.Null(await fixture.ViewAsync());
    }

    [Fact]
    public async Task A_file_of_more_items_than_a_list_holds_is_refused_at_the_first_line_past_the_limit()
    {
        var lines = File.ReadAllLines(DemoItemList.FilePath, Encoding.UTF8);
        var item = lines[1];
        var body = Encoding.UTF8.GetBytes(string.Join('\n', [lines[0], .. Enumerable.Repeat(item, ItemListContent.MaxItems + 50)]));

        var result = await fixture.Host.Scenario(s =>
        {
            s.Post.ByteArray(body).ToImportUrl().ContentType("text/csv");
            s.As(fixture.CreditOffice());
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });

        using var problem = JsonDocument.Parse(await result.ReadAsTextAsync());
        var errors = problem.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal([(ItemListContent.MaxItems + 2, "items")], errors);
        Assert.Null(await fixture.ViewAsync());
    }

    [Theory]
    [InlineData("code,name\n", 1, "categoryCode")]
    [InlineData("", 1, "")]
    public async Task A_file_without_a_usable_header_is_rejected_at_line_1(string csv, int line, string field)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Post.ByteArray(Encoding.UTF8.GetBytes(csv)).ToImportUrl().ContentType("text/csv");
            s.As(fixture.CreditOffice());
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });

        using var problem = JsonDocument.Parse(await result.ReadAsTextAsync());
        var first = problem.RootElement.GetProperty("errors")[0];
        Assert.Equal((line, field), (first.GetProperty("line").GetInt32(), first.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Importing_a_version_that_exists_is_a_conflict()
    {
        await fixture.DraftAsync(ItemListHost.SmallDraft());

        await fixture.Host.Scenario(s =>
        {
            s.Post.ByteArray(File.ReadAllBytes(DemoItemList.FilePath)).ToImportUrl().ContentType("text/csv");
            s.As(fixture.CreditOffice());
            s.StatusCodeShouldBe(HttpStatusCode.Conflict);
        });
    }

    [Fact]
    public async Task The_demo_loader_imports_and_publishes_the_2021_list_once()
    {
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        var clock = fixture.Host.Services.GetRequiredService<IClock>();

        Assert.Equal(91, await DemoItemList.LoadAsync(store, clock));
        Assert.Equal(0, await DemoItemList.LoadAsync(store, clock));

        var events = await fixture.EventsAsync();
        Assert.Equal([typeof(ItemListDrafted), typeof(ItemListPublished)], events.Select(e => e.GetType()));
        Assert.Equal("demo-loader", ((ItemListPublished)events[1]).PublishedBy);
        var view = await fixture.ViewAsync();
        Assert.Equal((true, 30, 91), (view!.Published, view.Categories.Length, view.Items.Length));
    }
}
