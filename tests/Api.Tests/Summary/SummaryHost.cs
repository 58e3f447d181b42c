using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Uploads;
using Microsoft.Playwright;

namespace FairDraw.Api.Tests.Summary;

/// <summary>
/// The year-end summary's collection: the draws host's Given side in a schema of its own with <see cref="SummaryYear"/>
/// built on it once (every test only reads), the same ledger served on a real Kestrel port, and Debian's chromium.
/// </summary>
public sealed class SummaryHost : IAsyncLifetime
{
    private const string Schema = "test_summary";

    private IPlaywright? _playwright;

    public DrawHost Ledger { get; } = new(Schema, new Dictionary<string, string> { ["Ledger:HeavyReads:PermitLimit"] = "100000" });

    public KestrelHost Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public SummaryYear Year { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Ledger.InitializeAsync();
        Year = await SummaryYear.BuildAsync(Ledger);
        Server = new ReportServer(Ledger.KeyDirectory);
        await Server.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        await Ledger.DisposeAsync();
    }

    private sealed class ReportServer(string keyDirectory) : KestrelHost(
        Schema, new Dictionary<string, string> { ["Ledger:IntegrateInBackground"] = "false" }, keyDirectory);
}

[CollectionDefinition(nameof(SummaryCollection))]
public sealed class SummaryCollection : ICollectionFixture<SummaryHost>;
