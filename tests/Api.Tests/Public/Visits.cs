using Microsoft.Playwright;

namespace FairDraw.Api.Tests.Public;

/// <summary>A page opened in the test's chromium, with the dialogs it opened and the Content-Security-Policy refusals it logged.</summary>
public sealed record Visit(IPage Page, List<string> Dialogs, List<string> Refusals);

public static class Visits
{
    /// <summary>Opens <paramref name="path"/> in a new page (of <paramref name="context"/>, else of a fresh context).</summary>
    public static async Task<Visit> OpenAsync(this PublicPageHost host, string path, IBrowserContext? context = null)
    {
        var page = context is null ? await host.Browser.NewPageAsync() : await context.NewPageAsync();
        var visit = new Visit(page, [], []);
        page.Dialog += async (_, dialog) =>
        {
            visit.Dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal) || message.Text.Contains("TrustedHTML", StringComparison.Ordinal))
            {
                visit.Refusals.Add(message.Text);
            }
        };
        await page.GotoAsync(new Uri(host.Server.Address, path).ToString());
        return visit;
    }
}
