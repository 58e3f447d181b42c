using System.Net;
using System.Text;
using System.Text.Json;
using Alba;
using FairDraw.Api.Entities;
using FairDraw.Api.Reads;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Directories;

namespace FairDraw.Api.Tests.Entities;

/// <summary>Numbered and cursor paging of the entity directory (issue 17, points 2 and 8).</summary>
[Collection(nameof(EntityDirectoryCollection))]
public sealed class PagingTheDirectory(EntityDirectoryHost fixture) : IAsyncLifetime
{
    private const int PageSize = 7;

    private string Registrar => fixture.Token(Role.Registrar, "520100", "registrar-guiyang");

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// 40 entities imported, then 12 more whose codes fall between theirs and three risk classes changed: every query
    /// below, now and as of the position after the first import, pages through exactly the matching codes.
    /// </summary>
    [Fact]
    public async Task Cursor_paging_returns_every_match_once_in_the_order_of_numbered_paging_with_filters_and_as_of()
    {
        var first = Entities(40, serial: i => 2 * i);
        await ImportAsync(first);
        var position = (await ListAsync("pageSize=500"))!.Items.Max(e => e.FromSequence);
        var second = Entities(12, serial: i => (6 * i) + 1);
        await ImportAsync(second);
        var changed = new Dictionary<string, string> { [first[0].Uscc] = "D", [first[5].Uscc] = "A", [first[9].Uscc] = "A" };
        foreach (var (uscc, risk) in changed)
        {
            await fixture.Host.Scenario(s =>
            {
                s.Put.Json(new UpdateEntityDetails("改名", "新地址", "F5211", risk, [])).ToUrl($"/api/entities/{uscc}/details");
                s.As(Registrar);
            });
        }

        var then = first;
        var now = first.Concat(second).Select(e => e with { RiskClass = changed.GetValueOrDefault(e.Uscc, e.RiskClass) }).ToList();
        (string Query, IEnumerable<Row> Expected)[] cases =
        [
            ("", now),
            ("jurisdiction=520102", now.Where(e => e.Jurisdiction == "520102")),
            ("jurisdiction=520100&riskClass=A", now.Where(e => e.RiskClass == "A")),
            ("jurisdiction=520000&riskClass=B", now.Where(e => e.RiskClass == "B")),
            ("riskClass=A&asOfPosition=" + position, then.Where(e => e.RiskClass == "A")),
            ("jurisdiction=520103&asOfPosition=" + position, then.Where(e => e.Jurisdiction == "520103")),
        ];

        foreach (var (query, matching) in cases)
        {
            string[] expected = [.. matching.Select(e => e.Uscc).Order(StringComparer.Ordinal)];
            var numbered = await ByNumberAsync(query);
            var byCursor = await ByCursorAsync(query);
            Assert.True(expected.Length > PageSize, query);
            Assert.Equal(expected, numbered);
            Assert.Equal(expected, byCursor);

            var counted = await ListAsync($"{query}&pageSize={PageSize}&count=true");
            Assert.Equal(((long?)expected.Length, 1), (counted!.Total, counted.PageNumber));
            var countedLater = await ListAsync($"{query}&pageSize={PageSize}&count=true&after={counted.Next}");
            Assert.Equal(((long?)expected.Length, expected[PageSize]), (countedLater!.Total, countedLater.Items[0].Uscc));
            Assert.Null((await ListAsync(query))!.Total);
        }
    }

    /// <summary>
    /// Pages are answered from the documents' stored JSON: they hold the same members, values and order as the
    /// documents read and written back — for text with quotes, a backslash, markup and an emoji, tags, a changed
    /// entity, a page by cursor, a page in the past, a counted page and an empty one.
    /// </summary>
    [Fact]
    public async Task A_page_is_the_json_of_its_documents_read_and_written_back()
    {
        var rows = Entities(9, serial: i => i);
        await ImportAsync(rows);
        var position = (await ListAsync("pageSize=500"))!.Items.Max(e => e.FromSequence);
        await fixture.Host.Scenario(s =>
        {
            s.Put.Json(new UpdateEntityDetails("引号\"双\" 反斜杠\\ <b>&amp;</b> 😀", "路'1'号", "F5211", "A", ["食品", "a\"b\\c"]))
                .ToUrl($"/api/entities/{rows[2].Uscc}/details");
            s.As(Registrar);
        });

        var first = await StoredJsonPages.AssertSameAsTypedAsync<EntityRevision>(
            fixture.Host, "/api/entities?pageSize=4", Registrar, q => q.Where(x => x.IsCurrent).OrderBy(x => x.Uscc).Take(4));
        await StoredJsonPages.AssertSameAsTypedAsync<EntityRevision>(
            fixture.Host, $"/api/entities?pageSize=4&after={first["next"]}", Registrar,
            q => q.Where(x => x.IsCurrent).OrderBy(x => x.Uscc).Skip(4).Take(4));
        await StoredJsonPages.AssertSameAsTypedAsync<EntityRevision>(
            fixture.Host, $"/api/entities?asOfPosition={position}&count=true", Registrar,
            q => q.ValidAt(null, position).OrderBy(x => x.Uscc));
        await StoredJsonPages.AssertSameAsTypedAsync<EntityRevision>(
            fixture.Host, "/api/entities?page=1000", Registrar, q => q.Where(x => x.Uscc == ""));
    }

    [Theory]
    [InlineData("page=2147483647&pageSize=1")] // the last row number an offset can hold
    [InlineData("page=1000")]
    public async Task A_page_number_past_the_end_answers_an_empty_page(string query)
    {
        await ImportAsync(Entities(3, serial: i => i));
        var page = await ListAsync(query);
        Assert.Empty(page!.Items);
        Assert.Null(page.Next);
    }

    [Theory]
    [InlineData("/api/entities?page=2147483647")]
    [InlineData("/api/entities?page=8589936&pageSize=500")] // (page − 1) × size wrapped around to 0 in 32 bits
    [InlineData("/api/entities?page=2147483647&pageSize=500&count=true")]
    [InlineData("/api/inspectors?page=2147483647")]
    [InlineData("/api/plans?page=2147483647")]
    public async Task A_page_number_whose_offset_overflows_32_bits_answers_an_empty_page(string url)
    {
        await ImportAsync(Entities(3, serial: i => i));
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.As(Registrar);
            s.StatusCodeShouldBeOk();
        });
        var page = await result.ReadAsJsonAsync<JsonElement>();
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
        if (url.EndsWith("count=true", StringComparison.Ordinal))
        {
            Assert.Equal(3, page.GetProperty("total").GetInt64());
        }
    }

    [Fact]
    public async Task A_cursor_cut_edited_or_used_with_other_filters_is_a_400_naming_after()
    {
        await ImportAsync(Entities(20, serial: i => i));
        var next = (await ListAsync("riskClass=A&pageSize=2"))!.Next!;
        Assert.NotEmpty((await ListAsync($"riskClass=A&pageSize=2&after={next}"))!.Items);

        var edited = next[..^2] + (next[^2] == 'A' ? 'B' : 'A') + next[^1];
        string[] refused =
        [
            "/api/entities?riskClass=A&after=" + edited,
            "/api/entities?riskClass=A&after=" + next[..8],
            "/api/entities?riskClass=A&after=not*base64",
            "/api/entities?riskClass=B&after=" + next,
            "/api/entities?riskClass=A&asOfPosition=1&after=" + next,
            "/api/entities?riskClass=A&page=2&after=" + next,
            "/api/inspectors?after=" + next,
            "/api/entities?riskClass=A&after=" + new string('A', 5000),
        ];
        foreach (var url in refused)
        {
            Assert.Equal("after", await RefusedFieldAsync(url));
        }
    }

    /// <summary>What the test imports and expects of an entity.</summary>
    private sealed record Row(string Uscc, string Jurisdiction, string RiskClass)
    {
        public EntityInput Input => new(Uscc, $"示例{Uscc[^6..]}", Uscc[1] == '2' ? "个体工商户" : "企业", Jurisdiction, "登记机关", "示例路1号", "F5211", RiskClass, []);
    }

    private static Row[] Entities(int count, Func<int, int> serial) =>
    [
        .. Enumerable.Range(0, count).Select(i =>
        {
            var jurisdiction = i % 2 == 0 ? "520102" : "520103";
            var kind = i % 3 == 0 ? '2' : '1';
            return new Row(Uscc.Complete($"9{kind}{jurisdiction}{serial(i):D8}").Value, jurisdiction, "ABCD"[i % 4].ToString());
        }),
    ];

    private async Task ImportAsync(IEnumerable<Row> entities)
    {
        var csv = new StringWriter();
        EntityCsv.Write(csv, entities.Select(e => e.Input));
        await fixture.Host.Scenario(s =>
        {
            s.Post.ByteArray(Encoding.UTF8.GetBytes(csv.ToString())).ToUrl("/api/entities/import").ContentType("text/csv");
            s.As(Registrar);
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });
    }

    private Task<Page<EntityRevision>?> ListAsync(string query) =>
        fixture.Host.GetAsJson<Page<EntityRevision>>("/api/entities?" + query, Registrar);

    /// <summary>Numbered pages from 1 until the first empty one (past the end).</summary>
    private async Task<List<string>> ByNumberAsync(string query)
    {
        var codes = new List<string>();
        for (var number = 1; ; number++)
        {
            var page = (await ListAsync($"{query}&pageSize={PageSize}&page={number}"))!;
            Assert.Equal(number, page.PageNumber);
            if (page.Items.Count == 0)
            {
                return codes;
            }

            codes.AddRange(page.Items.Select(e => e.Uscc));
        }
    }

    /// <summary>The first page, then each page's next cursor until a page has none; every page but the last is full.</summary>
    private async Task<List<string>> ByCursorAsync(string query)
    {
        var codes = new List<string>();
        var page = (await ListAsync($"{query}&pageSize={PageSize}"))!;
        while (true)
        {
            codes.AddRange(page.Items.Select(e => e.Uscc));
            if (page.Next is null)
            {
                return codes;
            }

            Assert.Equal(PageSize, page.Items.Count);
            page = (await ListAsync($"{query}&pageSize={PageSize}&after={page.Next}"))!;
            Assert.Null(page.PageNumber);
        }
    }

    private async Task<string?> RefusedFieldAsync(string url)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.As(Registrar);
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
        return (await result.ReadAsJsonAsync<JsonElement>()).GetProperty("field").GetString();
    }
}
