using Alba;
using FairDraw.Api.Access;
using FairDraw.Api.Hosting;
using FairDraw.Ledger.Access;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using NodaTime.Testing;
using Wolverine;

namespace FairDraw.Api.Tests.Support;

/// <summary>
/// One API host per test collection, against the real PostgreSQL started by scripts/test.sh, in a schema of its own
/// so that collections can run in parallel. As in production, the schema is applied by the <c>migrate</c> verb (the
/// tests' superuser is its owner) and the host runs as the application role, so every test shows the service works
/// with that role's rights. Each test resets the data first, on the owner's connection.
/// </summary>
public abstract class LedgerHost : IAsyncLifetime
{
    private readonly string _keyDirectory = Path.Combine(Path.GetTempPath(), "fairdraw-tests-" + Guid.NewGuid().ToString("N"));

    protected LedgerHost(string schema) => Schema = schema;

    public string Schema { get; }

    /// <summary>Where the host keeps its signing keys (a CLI process run against this ledger needs the same).</summary>
    public string KeyDirectory => _keyDirectory;

    /// <summary>The checkpoint the host's signer keeps beside its key.</summary>
    public KeptCheckpointFile KeptCheckpoint => KeptCheckpointFile.In(_keyDirectory);

    public IAlbaHost Host { get; private set; } = null!;

    /// <summary>The host's clock: tests set and advance it, so instants in events are known.</summary>
    public FakeClock Clock { get; } = new(Instant.FromUtc(2021, 3, 1, 9, 0));

    /// <summary>Extra services of a collection (e.g. the HTTP handler behind which its witnesses answer).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Extra host settings of a collection (e.g. integrating the log on demand only).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    /// <summary>The tests' database as a superuser: the schema's owner, and the attacker of the tamper tests.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("FAIRDRAW_TEST_DATABASE") is { Length: > 0 } configured
            ? configured
            : LedgerSettings.EmbeddedConnectionString(Environment.GetEnvironmentVariable("FAIRDRAW_PG_PORT"), "fairdraw_test", "postgres");

    /// <summary>The same database as the application role, which the hosts and the verbs connect as.</summary>
    public static string ApplicationConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString)
    {
        Username = LedgerSettings.EmbeddedApplicationRole,
        Password = null,
    }.ConnectionString;

    /// <summary>This schema on the owner's connection (the superuser's): for resets, and for tampering as an attacker would.</summary>
    public NpgsqlDataSource Superuser => _superuser.Value;

    private readonly Lazy<NpgsqlDataSource> _superuser = new(() => LedgerStoreOptions.CreateDataSource(ConnectionString));

    public async Task InitializeAsync()
    {
        SigningKeys.Initialise(_keyDirectory); // the run command's first-run step (`init-keys`): nothing else makes keys
        await MigrateAsync(Schema, _keyDirectory);
        await ForgetEarlierRunsCheckpointsAsync();
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("FAIRDRAW_DATABASE", ApplicationConnectionString);
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

    /// <summary>
    /// A schema left by an earlier run keeps checkpoints signed by that run's key; to this run's new key they are a
    /// ledger it never signed, which its signer rightly refuses from its first pass (before any test resets the data).
    /// </summary>
    private async Task ForgetEarlierRunsCheckpointsAsync()
    {
        await using var truncate = Superuser.CreateCommand($"truncate {Schema}.ledger_checkpoints");
        await truncate.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The run command's first step for <paramref name="schema"/>: `migrate` as its own process, owned by the tests'
    /// superuser, granting the application role (created once if the server lacks it, as scripts/postgres.sh does).
    /// </summary>
    public static async Task MigrateAsync(string schema, string keyDirectory)
    {
        await ApplicationRole.Value;
        var environment = new Dictionary<string, string?>
        {
            ["FAIRDRAW_DATABASE"] = ApplicationConnectionString,
            ["FAIRDRAW_OWNER_DATABASE"] = ConnectionString,
            ["Ledger__Schema"] = schema,
            ["Ledger__KeyDirectory"] = keyDirectory,
        };
        var migrate = await CommandLine.RunApiAsync(AppContext.BaseDirectory, environment, "migrate");
        if (migrate.ExitCode != 0)
        {
            throw new InvalidOperationException($"migrate {schema} failed ({migrate.ExitCode}): {migrate.Output}");
        }
    }

    private static readonly Lazy<Task> ApplicationRole = new(async () =>
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var create = dataSource.CreateCommand($"""
            do $$ begin create role {LedgerSettings.EmbeddedApplicationRole} login;
            exception when duplicate_object or unique_violation then null; end $$
            """);
        await create.ExecuteNonQueryAsync();
    });

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (_superuser.IsValueCreated)
        {
            await _superuser.Value.DisposeAsync();
        }

        if (Directory.Exists(_keyDirectory))
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
    }

    /// <summary>
    /// Empties the events, documents and every append-only table (Merkle log, refusals, checkpoints, cosignatures, kept pool
    /// copies) of
    /// this collection's schema, as its owner (the application role may not), then drops the signer's kept checkpoint,
    /// which would otherwise (rightly) refuse the emptied log.
    /// </summary>
    public async Task ResetAsync()
    {
        using (var owner = DocumentStore.For(options => LedgerStoreOptions.Configure(options, Superuser, Schema)))
        {
            await owner.Advanced.ResetAllData();
        }

        // mt_events is Marten's, emptied above; taking its lock again here would deadlock with the log worker's reads.
        var ledgerTables = LedgerSchema.AppendOnlyTables.Where(table => table != "mt_events").Select(table => $"{Schema}.{table}");
        await using var truncate = Superuser.CreateCommand($"truncate {string.Join(", ", ledgerTables)}");
        await truncate.ExecuteNonQueryAsync();
        File.Delete(KeptCheckpoint.Path);
    }

    public string Token(Role role, string jurisdiction = "520100", string user = "tester", string? department = null) =>
        Host.Services.GetRequiredService<TokenService>()
            .Issue(user, user, role, DivisionCode.Parse(jurisdiction), Duration.FromHours(1), department);

    /// <summary>The log's public verifier key, as GET /api/ledger/checkpoint serves it.</summary>
    public string VerifierKey => Host.Services.GetRequiredService<FairDraw.Ledger.Integrity.CheckpointSigner>().PublicKeyText();
}
