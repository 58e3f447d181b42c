using FairDraw.Api.LedgerIntegrity;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FairDraw.Api.Tests.Integrity;

/// <summary>
/// A host with three witnesses (quorum 2) answering in-process behind the log's witness HTTP client; the log is
/// integrated, signed and submitted only when a test says so.
/// </summary>
public sealed class WitnessingHost() : LedgerHost("test_witnessing")
{
    public const long Time = 1796428800;

    public TestWitness[] Witnesses { get; } = [.. new[] { "a", "b", "c" }.Select(name => new TestWitness($"witness.test/{name}", Time))];

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(
        Witnesses.SelectMany((witness, i) => new[]
        {
            KeyValuePair.Create($"Ledger:Witnesses:{i}:Url", $"http://{HostName(witness)}/"),
            KeyValuePair.Create($"Ledger:Witnesses:{i}:Key", witness.VerifierKey),
        }))
    {
        ["Ledger:IntegrateInBackground"] = "false",
        ["Ledger:WitnessQuorum"] = "2",
    };

    public WitnessPolicy Policy => WitnessPolicy.Parse(Witnesses.Select(w => w.VerifierKey), 2);

    public string LogKey => Services.GetRequiredService<CheckpointSigner>().PublicKeyText();

    private IServiceProvider Services => base.Host.Services;

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddHttpClient(CheckpointWitnessing.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new TestWitnesses(Witnesses.ToDictionary(HostName)));

    /// <summary>Empties the ledger and the witnesses' state; every witness up and honest.</summary>
    public async Task StartAsync()
    {
        await ResetAsync();
        foreach (var witness in Witnesses)
        {
            witness.Forget();
            witness.LogKey = LogKey;
            witness.Answers.Clear();
        }
    }

    /// <summary>Registers <paramref name="count"/> entities, numbered from <paramref name="first"/>.</summary>
    public async Task RegisterAsync(int count, int first)
    {
        await using var session = Services.GetRequiredService<Marten.IDocumentStore>().LightweightSession();
        for (var i = first; i < first + count; i++)
        {
            IntegrityHost.StartRegistration(session, $"MA{i:D6}");
        }

        await FairDraw.Projections.Storage.StreamAppend.SaveAsync(session);
    }

    /// <summary>Registers <paramref name="count"/> entities, integrates them and signs a checkpoint; returns its note.</summary>
    public async Task<string> GrowAndSignAsync(int count, int first)
    {
        await RegisterAsync(count, first);
        var log = Services.GetRequiredService<LedgerLog>();
        await log.IntegrateAsync(CancellationToken.None);
        return (await log.CheckpointAsync(CancellationToken.None))!;
    }

    /// <summary>The API's log worker integrating in the background, with a submitter of its own (<see cref="NewSubmitter"/>).</summary>
    public LedgerLogWorker NewWorker() => ActivatorUtilities.CreateInstance<LedgerLogWorker>(
        Services, NewSubmitter(), Services.GetRequiredService<FairDraw.Api.Hosting.LedgerSettings>() with { IntegrateInBackground = true });

    /// <summary>A submitter with no memory of earlier tests (the service keeps each witness's size in memory).</summary>
    public CheckpointWitnessing NewSubmitter() => ActivatorUtilities.CreateInstance<CheckpointWitnessing>(Services);

    public async Task<List<(long Size, string Witness, string Line)>> StoredAsync()
    {
        await using var command = Services.GetRequiredService<NpgsqlDataSource>()
            .CreateCommand($"select tree_size, witness, line from {Schema}.ledger_cosignatures order by tree_size, witness");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    /// <summary>The ledger sequence of the newest event.</summary>
    public async Task<long> SequenceOfNewestAsync()
    {
        await using var command = Services.GetRequiredService<NpgsqlDataSource>().CreateCommand($"select max(seq_id) from {Schema}.mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string HostName(TestWitness witness) => witness.Name.Replace("witness.test/", "witness-", StringComparison.Ordinal) + ".test";
}

[CollectionDefinition(nameof(WitnessingCollection))]
public sealed class WitnessingCollection : ICollectionFixture<WitnessingHost>;
