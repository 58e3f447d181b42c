using FairDraw.Api.Csv;
using FairDraw.Api.Demo;
using FairDraw.Api.Entities;
using FairDraw.Api.LedgerIntegrity;
using FairDraw.Api.Tests.Entities;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FairDraw.Api.Tests.Integrity;

/// <summary>A host whose Merkle log is integrated and checkpointed only when a test says so.</summary>
public sealed class IntegrityHost() : LedgerHost("test_integrity")
{
    public const int Entities = 2_000;
    public const int Updated = 40;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Ledger:IntegrateInBackground"] = "false",
    };

    public LedgerLog Log => Host.Services.GetRequiredService<LedgerLog>();

    public NpgsqlDataSource DataSource => Host.Services.GetRequiredService<NpgsqlDataSource>();

    /// <summary>
    /// A ledger of a few thousand events: 2,000 demo entities through the bulk import, then 40 of them updated and
    /// deregistered through the ordinary path (streams of three events), all integrated; signed after the import and at the end.
    /// </summary>
    public async Task SeedAsync()
    {
        await ResetAsync();
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var city = new Actor("registrar", Role.Registrar, DivisionCode.Parse("520100"));
        await using var csv = new UploadedFile(new MemoryStream(), "seed.csv");
        await using (var writer = new StreamWriter(csv.Content, leaveOpen: true))
        {
            EntityCsv.Write(writer, DemoEntities.Generate(Entities).Select(e => e with { Status = "存续" }));
        }

        await EntityImport.RunAsync(store, csv, city, Clock.GetCurrentInstant(), null, CancellationToken.None);
        await Log.IntegrateAsync(CancellationToken.None);
        await Log.CheckpointAsync(CancellationToken.None);
        foreach (var entity in DemoEntities.Generate(Updated))
        {
            await using var session = store.LightweightSession();
            var current = await EntityReads.CurrentAsync(session, entity.Uscc!);
            var events = EntityDecisions.UpdateDetails(new UpdateEntityDetails(entity.Name + "（更名）", entity.Address, entity.Industry, "D", []), current!.ToState(), city, Clock.GetCurrentInstant())
                .Concat(EntityDecisions.ChangeStatus(new ChangeEntityStatus("注销", "注销登记"), current.ToState(), city, Clock.GetCurrentInstant()))
                .ToList();
            await StreamAppend.AppendAsync(session, FairDraw.Ledger.StreamKeys.Entity(entity.Uscc!), current, events);
        }

        await Log.IntegrateAsync(CancellationToken.None);
        await Log.CheckpointAsync(CancellationToken.None);
    }

    /// <summary>Registers a Nanming entity whose code begins 91520102 + <paramref name="body"/> through an ordinary session.</summary>
    public static async Task RegisterAsync(IDocumentSession session, string body)
    {
        StartRegistration(session, body);
        await StreamAppend.SaveAsync(session);
    }

    /// <summary>Starts the stream of such an entity in <paramref name="session"/>, unsaved; returns its key.</summary>
    public static string StartRegistration(IDocumentSession session, string body)
    {
        var events = EntityDecisions.Register(
            RegisteringEntities.Nanming(Uscc.Complete("91520102" + body).Value),
            null,
            new Actor("registrar", Role.Registrar, DivisionCode.Parse("520102")),
            NodaTime.Instant.FromUtc(2021, 5, 1, 0, 0));
        var key = FairDraw.Ledger.StreamKeys.Entity(((EntityRegistered)events[0]).Uscc);
        session.Events.StartStream(key, [.. events]);
        return key;
    }

    public Task<LedgerReport> VerifyAsync() => Host.Services.GetRequiredService<LedgerVerifier>().VerifyAsync(null, CancellationToken.None);

    /// <summary>The ledger against trusted checkpoints read from <paramref name="paths"/>, as verify-ledger reads them.</summary>
    public Task<LedgerReport> VerifyAgainstAsync(params string[] paths)
    {
        var trusted = TrustedCheckpoints.Load(paths, VerifierKey);
        Assert.Empty(trusted.Ignored);
        return new LedgerVerifier(DataSource, Schema, VerifierKey).VerifyAsync(trusted.Checkpoints, null, CancellationToken.None);
    }

    /// <summary>Runs SQL as a database superuser who switches the append-only triggers off, as an attacker with database access would.</summary>
    public async Task TamperAsync(string sql)
    {
        await using var command = Superuser.CreateCommand($"set session_replication_role = replica; {sql.Replace("{s}", Schema, StringComparison.Ordinal)}; set session_replication_role = origin;");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every leaf hash of the stored log, in leaf order, as the database now holds them.</summary>
    public async Task<List<byte[]>> LeavesAsync()
    {
        var leaves = new List<byte[]>();
        await using var command = DataSource.CreateCommand($"select leaf_hash from {Schema}.ledger_log order by leaf_index");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            leaves.Add((byte[])reader[0]);
        }

        return leaves;
    }

    /// <summary>The ledger sequence of one event.</summary>
    public async Task<long> SequenceOfAsync(string streamKey, long version)
    {
        await using var command = DataSource.CreateCommand($"select seq_id from {Schema}.mt_events where stream_id = @stream and version = @version");
        command.Parameters.AddWithValue("stream", streamKey);
        command.Parameters.AddWithValue("version", version);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

[CollectionDefinition(nameof(IntegrityCollection))]
public sealed class IntegrityCollection : ICollectionFixture<IntegrityHost>;
