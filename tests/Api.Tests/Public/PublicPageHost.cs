using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Results;
using FairDraw.Api.Tests.Support;
using FairDraw.Api.Tests.Uploads;
using Microsoft.Playwright;

namespace FairDraw.Api.Tests.Public;

/// <summary>
/// The public pages as a visitor meets them: one task drawn to its assignments, one of its results recorded, approved and
/// published (<see cref="PublishedEntity"/>), all signed into a checkpoint (by the draws and results collections' Given
/// side, in a schema of its own), served by the API on a real Kestrel port, and Debian's
/// chromium driven by Playwright (scripts/test.sh installs it; Playwright's own browser download is never used).
/// Anonymous heavy reads are limited to <see cref="PermitLimit"/> per hour per address; tests that count them call
/// from an address of their own.
/// </summary>
public sealed class PublicPageHost : IAsyncLifetime
{
    public const int PermitLimit = 3;
    private const string Schema = "test_public";

    private static readonly Dictionary<string, string> Limits = new()
    {
        ["Ledger:HeavyReads:PermitLimit"] = PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Ledger:HeavyReads:WindowSeconds"] = "3600",
    };

    private IPlaywright? _playwright;

    /// <summary>Writes the draw (test server); its reads answer with the limits above.</summary>
    public DrawHost Ledger { get; } = new(Schema, Limits);

    /// <summary>
    /// Serves the same ledger to the browser. Every page the browser tests open reads from 127.0.0.1, more heavy reads a
    /// minute than the default limit allows, so this server's limit is out of their way (the limit itself is tested on
    /// <see cref="Ledger"/>, per address).
    /// </summary>
    public KestrelHost Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The entity whose result of the task is published.</summary>
    public string PublishedEntity { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Ledger.InitializeAsync();
        await Ledger.SeedAsync();
        (PublishedEntity, _) = await Ledger.ApprovedAsync();
        await Ledger.PostAsync(ResultRequests.PublicationUrl(PublishedEntity), null, Ledger.FoodDivision);
        await Ledger.CheckpointAsync();
        Server = new PageServer(Ledger.KeyDirectory);
        await Server.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Args =
            [
                "--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
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

    private sealed class PageServer(string keyDirectory) : KestrelHost(
        Schema,
        new Dictionary<string, string> { ["Ledger:IntegrateInBackground"] = "false", ["Ledger:HeavyReads:PermitLimit"] = "100000" },
        keyDirectory);
}

[CollectionDefinition(nameof(PublicPageCollection))]
public sealed class PublicPageCollection : ICollectionFixture<PublicPageHost>;
