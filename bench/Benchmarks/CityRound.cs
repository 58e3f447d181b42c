extern alias api;

using System.Diagnostics;
using Alba;
using FairDraw.Api.Access;
using FairDraw.Api.Csv;
using FairDraw.Api.Demo;
using FairDraw.Api.Draws;
using FairDraw.Api.Entities;
using FairDraw.Api.Plans;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Inspectors;
using FairDraw.Ledger.Integrity;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Draws;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static FairDraw.Api.Demo.DemoClock;

namespace FairDraw.Benchmarks;

/// <summary>
/// A city-scale round through the ledger's real path, in schema bench_city: the demo's deterministic directory cut where its
/// 300,000th annual-report entity (enterprise, individual business, farmer cooperative in business) falls, imported as the
/// import verb does; 500 enrolled inspectors in 25 units; a filed plan whose one task draws 3% of each risk class, two
/// inspectors each; frozen, committed, published, executed and assigned by the API's own draw steps (the demo's drand beacon)
/// and signed into a checkpoint. The API runs in this process (Alba).
/// </summary>
public static class CityRound
{
    public const int PoolSize = 300_000;
    public const int InspectorCount = 500;
    public const string TaskId = PlanId + "-T01";
    private const string Schema = "bench_city";
    private const string PlanId = "2021-520100-SJJ";
    private const string Department = "信用监管处";

    /// <summary>The annual-report items of the demo list: enterprises, farmer cooperatives, individual businesses.</summary>
    private static readonly string[] Items = ["01-01", "01-03", "01-04"];
    private static readonly EntityType[] Drawn = [EntityType.Enterprise, EntityType.FarmerCooperative, EntityType.IndividualBusiness];
    private static readonly Actor Division = new("business-division", Role.BusinessDivision, DivisionCode.Parse(Guiyang.City));

    /// <summary>The bundle's file name in the round's directory; the browser fetches it as /inputs/{name}.</summary>
    public const string BundleFile = "city-evidence.json";

    /// <summary>The published ledger key the verifiers are given (kept beside the bundle).</summary>
    public const string TrustedKeyFile = "city-ledger-key.txt";

    /// <summary>The per-entity proofs (GET /api/public/entities/{uscc}/draws) of the first selected entity.</summary>
    public const string EntityFile = "city-entity.json";

    /// <summary>
    /// The API reads kept as files beside the bundle, each fetched from the drawn round; a measurement of another public
    /// read adds its line here, and the next run fetches it from the kept round without drawing again.
    /// </summary>
    private static readonly (string File, Func<DrawRound, string> Path)[] Reads =
    [
        (BundleFile, round => $"/api/tasks/{TaskId}/draw/evidence?round={round.Number}"),
        (EntityFile, round => $"/api/public/entities/{round.Sample()[0]}/draws"),
    ];

    /// <summary>
    /// The round's files in <paramref name="directory"/>: reused when all are there; otherwise the round is drawn (each
    /// stage skipped when the schema already holds it) and the reads fetched. The directory keeps the ledger's signing
    /// key, so a new directory starts from an empty schema.
    /// </summary>
    public static async Task EnsureAsync(string connectionString, string directory)
    {
        var keys = Path.Combine(directory, "keys");
        if (Directory.Exists(keys) && File.Exists(Path.Combine(directory, TrustedKeyFile))
            && Reads.All(read => File.Exists(Path.Combine(directory, read.File))))
        {
            Console.WriteLine($"reusing the round kept in {directory} (delete it to draw the round again)");
            return;
        }

        var timer = Stopwatch.StartNew();
        if (!Directory.Exists(keys))
        {
            await using var dataSource = LedgerStoreOptions.CreateDataSource(connectionString);
            await using var drop = dataSource.CreateCommand($"drop schema if exists {Schema} cascade");
            await drop.ExecuteNonQueryAsync();
        }

        SigningKeys.Initialise(keys);
        ListBenchmark.Migrate(connectionString, keys, Schema);
        var clock = new DemoClock(ItemListPublished);
        await using var host = await InProcessApi.StartAsync(connectionString, Schema, keys, clock);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await DemoItemList.LoadAsync(store, clock);
        await ImportAsync(store, clock);
        clock.Now = InspectorsEnrolled;
        await EnrolAsync(store, clock.Now);
        await FilePlanAsync(host, clock);
        var round = await DrawAsync(host, clock);
        Console.WriteLine($"round {round.Number} of {TaskId} drawn in schema {Schema}: {timer.Elapsed.TotalSeconds:F0} s");

        using var client = host.Server.CreateClient();
        foreach (var (file, path) in Reads)
        {
            using var response = await client.GetAsync(path(round));
            response.EnsureSuccessStatusCode();
            await using var output = File.Create(Path.Combine(directory, file));
            await response.Content.CopyToAsync(output);
        }

        await File.WriteAllTextAsync(Path.Combine(directory, TrustedKeyFile), host.Services.GetRequiredService<CheckpointSigner>().PublicKeyText());
    }

    /// <summary>
    /// The first rows of the demo directory (<see cref="DemoEntities.Generate"/>, deterministic), up to the one that makes
    /// the task's pool <see cref="PoolSize"/>, through the real import path; skipped when the schema already holds them.
    /// </summary>
    private static async Task ImportAsync(IDocumentStore store, DemoClock clock)
    {
        var rows = new List<EntityInput>();
        var inPool = 0;
        foreach (var row in DemoEntities.Generate(int.MaxValue))
        {
            rows.Add(row);
            inPool += row.Status == EntityLabels.Statuses[EntityStatus.Existing] && Drawn.Any(type => EntityLabels.Types[type] == row.Type) ? 1 : 0;
            if (inPool == PoolSize)
            {
                break;
            }
        }

        var last = rows[^1].Uscc;
        await using (var session = store.QuerySession())
        {
            if (await session.Query<Projections.Directories.EntityRevision>().AnyAsync(x => x.Uscc == last))
            {
                return;
            }
        }

        await using var file = new UploadedFile(new MemoryStream(), "city-entities.csv");
        await using (var writer = new StreamWriter(file.Content, leaveOpen: true))
        {
            EntityCsv.Write(writer, rows);
        }

        file.Content.Position = 0;
        clock.Now = EntitiesImported;
        var registrar = new Actor("bench", Role.Registrar, DivisionCode.Parse(Guiyang.City));
        var summary = await Api.Entities.EntityImport.RunAsync(store, file, registrar, clock.Now, null, CancellationToken.None);
        Console.WriteLine($"imported {summary.Registered:N0} of {rows.Count:N0} rows ({PoolSize:N0} of them in the task's pool)");
    }

    /// <summary>Staff inspectors of the city and its districts, 25 units, each qualified for the annual-report items.</summary>
    internal static async Task EnrolAsync(IDocumentStore store, Instant now)
    {
        var personnel = new Actor("bench-personnel", Role.Personnel, DivisionCode.Parse(Guiyang.City));
        await using var session = store.LightweightSession();
        if (await session.Query<Projections.Directories.InspectorRevision>().AnyAsync(x => x.InspectorId == Inspector(0).Id))
        {
            return;
        }

        for (var i = 0; i < InspectorCount; i++)
        {
            var input = Inspector(i);
            session.Events.StartStream(StreamKeys.Inspector(input.Id!), [.. InspectorDecisions.Enrol(input, null, personnel, now)]);
        }

        await StreamAppend.SaveAsync(session);
    }

    internal static InspectorInput Inspector(int i)
    {
        var (code, name, _) = Guiyang.Districts[i % Guiyang.Districts.Count];
        var unit = $"{name}市场监督管理局第{i % 25 / Guiyang.Districts.Count + 1}执法大队";
        return new InspectorInput(
            $"CITY-{i:D4}", $"检查员{i:D4}", nameof(InspectorKind.Staff), null, unit, code,
            new CertificateInput($"{code}9{i:D4}", "2020-01-01", "2025-12-31"), [DemoDirectoryNames.EnforcementQualification], []);
    }

    private static async Task FilePlanAsync(IAlbaHost host, DemoClock clock)
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession();
        var id = Ledger.Plans.PlanId.Parse(PlanId);
        if (await PlanReads.CurrentAsync(session, id) is not null)
        {
            return;
        }

        var draft = new DraftPlan(
            2021, Guiyang.City, "SJJ", "贵阳市市场监督管理局", new ItemListReference(Guiyang.City, DemoItemList.Version),
            [
                new TaskInput(
                    "T01", "年度报告公示信息抽查（城市规模基准 / city-scale benchmark）", Items, null, "RiskClass",
                    [new("A", "3/100", null), new("B", "3/100", null), new("C", "3/100", null), new("D", "3/100", null)],
                    2, 60, true, Department, [], "2021-04-01", "2021-11-05"),
            ]);
        await BenchPlans.DraftAndFileAsync(host, session, id, draft, Division, clock);
    }

    /// <summary>
    /// The demo's draw steps on the city task (<see cref="BenchDraws"/>); skipped when the round is assigned already (a
    /// round left half drawn stops the freeze: delete the directory to start again).
    /// </summary>
    private static async Task<DrawRound> DrawAsync(IAlbaHost host, DemoClock clock)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        if ((await TaskDraws.LoadAsync(session, TaskId)).State?.Current is { Assignment: not null } drawn)
        {
            return drawn;
        }

        return await BenchDraws.DrawAsync(host, clock, TaskId, BenchDraws.SignAsync, round =>
        {
            if (round.Pool.EntityCount != PoolSize)
            {
                throw new InvalidOperationException($"the frozen pool holds {round.Pool.EntityCount:N0} entities, not {PoolSize:N0}");
            }
        });
    }
}
