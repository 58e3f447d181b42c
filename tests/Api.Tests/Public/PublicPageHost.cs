using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Results;
using FairDraw.Api.Tests.Support;

namespace FairDraw.Api.Tests.Public;

/// <summary>
/// The public pages as a visitor meets them: one task drawn to its assignments, one of its results recorded, approved and
/// published (<see cref="PublishedEntity"/>), all signed into a checkpoint (by the draws and results collections' Given
/// side, in a schema of its own), served by the API on a real Kestrel port, and Debian's
/// chromium driven by Playwright (scripts/test.sh installs it; Playwright's own browser download is never used).
/// Anonymous heavy reads are limited to <see cref="PermitLimit"/> per hour per address; tests that count them call
/// from an address of their own.
/// </summary>
/// <remarks>
/// <see cref="BrowserHost.Ledger"/> writes the draw (test server); its reads answer with the limits above.
/// <see cref="BrowserHost.Server"/> serves the same ledger to the browser. Every page the browser tests open reads from
/// 127.0.0.1, more heavy reads a minute than the default limit allows, so this server's limit is out of their way (the
/// limit itself is tested on the ledger's test server, per address).
/// </remarks>
public sealed class PublicPageHost() : BrowserHost(Schema, Limits)
{
    public const int PermitLimit = 3;
    private const string Schema = "test_public";

    private static readonly Dictionary<string, string> Limits = new()
    {
        ["Ledger:HeavyReads:PermitLimit"] = PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Ledger:HeavyReads:WindowSeconds"] = "3600",
    };

    /// <summary>The entity whose result of the task is published.</summary>
    public string PublishedEntity { get; private set; } = "";

    protected override async Task SeedAsync()
    {
        await Ledger.SeedAsync();
        (PublishedEntity, _) = await Ledger.ApprovedAsync();
        await Ledger.PostAsync(ResultRequests.PublicationUrl(PublishedEntity), null, Ledger.FoodDivision);
        await Ledger.CheckpointAsync();
    }
}

[CollectionDefinition(nameof(PublicPageCollection))]
public sealed class PublicPageCollection : ICollectionFixture<PublicPageHost>;
