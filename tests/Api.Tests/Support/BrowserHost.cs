using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Uploads;
using Microsoft.Playwright;

namespace FairDraw.Api.Tests.Support;

/// <summary>
/// A browser collection's host: a ledger written through the test server (<see cref="Ledger"/>, the draws host's Given
/// side in a schema of its own, seeded by <see cref="SeedAsync"/>), the same schema served on a real Kestrel port
/// (<see cref="Server"/>, its anonymous heavy-read limit out of the pages' way) and Debian's chromium.
/// </summary>
public abstract class BrowserHost(string schema, IReadOnlyDictionary<string, string> ledgerSettings) : IAsyncLifetime
{
    private Chromium? _chromium;

    public DrawHost Ledger { get; } = new(schema, ledgerSettings);

    public KestrelHost Server { get; private set; } = null!;

    public IBrowser Browser => _chromium!.Browser;

    public async Task InitializeAsync()
    {
        await Ledger.InitializeAsync();
        await SeedAsync();
        Server = new PageServer(schema, Ledger.KeyDirectory);
        await Server.InitializeAsync();
        _chromium = await Chromium.LaunchAsync();
    }

    /// <summary>Writes what the collection's tests read, through <see cref="Ledger"/>.</summary>
    protected abstract Task SeedAsync();

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        await Ledger.DisposeAsync();
    }

    private sealed class PageServer(string schema, string keyDirectory) : KestrelHost(
        schema,
        new Dictionary<string, string> { ["Ledger:IntegrateInBackground"] = "false", ["Ledger:HeavyReads:PermitLimit"] = "100000" },
        keyDirectory);
}
