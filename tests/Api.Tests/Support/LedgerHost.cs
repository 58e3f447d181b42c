using Alba;
using FairDraw.Api.Access;
using FairDraw.Api.Hosting;
using FairDraw.Ledger.Access;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using NodaTime.Testing;
using Wolverine;

namespace FairDraw.Api.Tests.Support;

/// <summary>
/// One API host per test collection, against the real PostgreSQL started by scripts/test.sh, in a schema of its own
/// so that collections can run in parallel. Each test resets the data first.
/// </summary>
public abstract class LedgerHost : IAsyncLifetime
{
    private readonly string _keyDirectory = Path.Combine(Path.GetTempPath(), "fairdraw-tests-" + Guid.NewGuid().ToString("N"));

    protected LedgerHost(string schema) => Schema = schema;

    public string Schema { get; }

    /// <summary>Where the host keeps its signing keys (a CLI process run against this ledger needs the same).</summary>
    public string KeyDirectory => _keyDirectory;

    public IAlbaHost Host { get; private set; } = null!;

    /// <summary>The host's clock: tests set and advance it, so instants in events are known.</summary>
    public FakeClock Clock { get; } = new(Instant.FromUtc(2021, 3, 1, 9, 0));

    /// <summary>Extra services of a collection (e.g. the HTTP handler behind which its witnesses answer).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Extra host settings of a collection (e.g. integrating the log on demand only).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("FAIRDRAW_TEST_DATABASE") is { Length: > 0 } configured
            ? configured
            : LedgerSettings.EmbeddedConnectionString(Environment.GetEnvironmentVariable("FAIRDRAW_PG_PORT"), "fairdraw_test");

    public async Task InitializeAsync()
    {
        SigningKeys.Initialise(_keyDirectory); // the run command's first-run step (`init-keys`): nothing else makes keys
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("FAIRDRAW_DATABASE", ConnectionString);
            builder.UseSetting("Ledger:Schema", Schema);
            builder.UseSetting("Ledger:KeyDirectory", _keyDirectory);
            foreach (var (key, value) in Settings)
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureServices(services =>
            {
                services.DisableAllExternalWolverineTransports();
                services.AddSingleton<IClock>(Clock);
                ConfigureServices(services);
            });
        });
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Directory.Exists(_keyDirectory))
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
    }

    /// <summary>Empties the events, documents, Merkle log, refusals, checkpoints, cosignatures and kept pool copies of this collection's schema.</summary>
    public async Task ResetAsync()
    {
        await Host.Services.GetRequiredService<IDocumentStore>().Advanced.ResetAllData();
        await using var truncate = Host.Services.GetRequiredService<NpgsqlDataSource>()
            .CreateCommand($"truncate {Schema}.ledger_log, {Schema}.ledger_refused, {Schema}.ledger_checkpoints, {Schema}.ledger_cosignatures, {Schema}.entity_pool_copy_parts");
        await truncate.ExecuteNonQueryAsync();
    }

    public string Token(Role role, string jurisdiction = "520100", string user = "tester") =>
        Host.Services.GetRequiredService<TokenService>()
            .Issue(user, user, role, DivisionCode.Parse(jurisdiction), Duration.FromHours(1));
}
