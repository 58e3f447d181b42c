using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FairDraw.Api.Tests.Draws;
using Microsoft.Playwright;

namespace FairDraw.Api.Tests.Public;

/// <summary>
/// Every portal page in English shows no Chinese of ours: each run of Chinese characters left on the page occurs in the
/// data the page read from the public API (names, titles, reasons, a lottery's name), so it is the data's, not a string
/// the dictionary (i18n.mjs) lacks an English form for.
/// </summary>
[Collection(nameof(PublicPageCollection))]
public sealed partial class ReadingThePortalInEnglish(PublicPageHost fixture) : IAsyncLifetime
{
    /// <summary>The text of the page's own parts (the language switch, which names the other language, left out).</summary>
    public const string PageText = "() => [...document.querySelectorAll('main, nav, footer')].map((n) => n.innerText).join('\\n')";

    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Task InitializeAsync() => PortalData.EnsureAsync(fixture);

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/", "#plans table")]
    [InlineData("/tasks/" + PortalData.RedrawnTask, "#round-1 table")]
    [InlineData("/results", "#result-count")]
    [InlineData("/ledger", "main dl")]
    [InlineData("/verify/" + PortalData.RedrawnTask, "#summary span")]
    [InlineData("/entities/ENTITY", "#entity-results table")]
    public async Task A_page_in_English_shows_chinese_only_in_the_data_it_read(string path, string loaded)
    {
        var context = await fixture.Browser.NewContextAsync();
        await using var closing = context;
        await context.AddInitScriptAsync("localStorage.setItem('fairdraw.language', 'en')");
        var data = new List<Task<string>>();
        context.Response += (_, response) =>
        {
            if (response.Url.Contains("/api/", StringComparison.Ordinal) && response.Ok)
            {
                data.Add(Unescape(response));
            }
        };
        var visit = await fixture.OpenAsync(path.Replace("ENTITY", fixture.PublishedEntity, StringComparison.Ordinal), context);
        await visit.Page.Locator(loaded).First.WaitForAsync(new() { Timeout = 60_000 });

        var text = await visit.Page.EvaluateAsync<string>(PageText);
        var read = string.Concat(await Task.WhenAll(data));
        Assert.Equal("en", await visit.Page.Locator("html").GetAttributeAsync("lang"));
        var ours = Chinese().Matches(text).Select(run => run.Value).Where(run => !read.Contains(run, StringComparison.Ordinal));
        Assert.Empty(ours.Distinct());
        Assert.Empty(visit.Refusals);
    }

    private static async Task<string> Unescape(IResponse response)
    {
        try
        {
            return JsonNode.Parse(await response.TextAsync())?.ToJsonString(Unescaped) ?? "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+")]
    private static partial Regex Chinese();
}
