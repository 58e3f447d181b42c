using System.Diagnostics;
using Alba;
using FairDraw.Api.Access;
using FairDraw.Api.Csv;
using FairDraw.Api.Demo;
using FairDraw.Api.Draws;
using FairDraw.Api.Entities;
using FairDraw.Api.Items;
using FairDraw.Api.LedgerIntegrity;
using FairDraw.Api.Plans;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Integrity;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Draws;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using static FairDraw.Api.Demo.DemoClock;

namespace FairDraw.Benchmarks;

/// <summary>
/// A city's year on a 1,000,000-entity directory, through the ledger's real paths, kept in schema bench_year: the demo's
/// directory (its mix makes ~308,000 enterprises in business) by the bulk import, the item list, 500 inspectors, the city
/// division's filed plan (T01: enterprise annual reports, 3% of each risk class; T02: every other item of the list, left
/// undrawn), T01 drawn to its assignment by the API's draw steps, and the demo's year of results on its ~9,200 objects
/// (recorded, approved, published — a few returned, a few late, one exempted — and the follow-ups they call for). An
/// in-process witness cosigns a checkpoint after the plan's filing, before the draw's publication and after its
/// assignment, and after every transaction of results, at the demo's clock, so the events have witnessed time bounds.
/// Each stage is skipped when the schema holds it already.
/// </summary>
public static class CityYear
{
    public const int DirectorySize = 1_000_000;
    public const string Schema = "bench_year";
    public const string PlanId = "2021-520100-SJJ";
    public const string TaskId = PlanId + "-T01";
    public const string Department = "信用监管处";
    private const string WitnessName = "witness.bench/city-year";
    private static readonly string[] DrawnItems = ["01-01"];
    private static readonly Actor Division = new("business-division", Role.BusinessDivision, DivisionCode.Parse(Guiyang.City));

    /// <summary>The year's API (in this process, on the year's schema, keys and witness), its clock and the witness's key.</summary>
    public sealed record Loaded(IAlbaHost Host, DemoClock Clock, string WitnessKey) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    /// <summary>
    /// Loads what the schema lacks and returns the API on it. <paramref name="directory"/> keeps the ledger's signing key
    /// and the witness's seed, so a new directory starts from an empty schema.
    /// </summary>
    public static async Task<Loaded> EnsureAsync(string connectionString, string directory)
    {
        var keys = Path.Combine(directory, "keys");
        var seedFile = Path.Combine(directory, "witness.seed");
        await using var dataSource = LedgerStoreOptions.CreateDataSource(connectionString);
        if (!Directory.Exists(keys) || !File.Exists(seedFile))
        {
            await using var drop = dataSource.CreateCommand($"drop schema if exists {Schema} cascade");
            await drop.ExecuteNonQueryAsync();
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(seedFile, Convert.ToHexString(Cosigner.NewSeed()));
        }

        SigningKeys.Initialise(keys);
        ListBenchmark.Migrate(connectionString, keys, Schema);
        var clock = new DemoClock(DemoClock.ItemListPublished);
        var witness = new BenchWitness(WitnessName, Convert.FromHexString(await File.ReadAllTextAsync(seedFile)), clock);
        var host = await InProcessApi.StartAsync(connectionString, Schema, keys, clock, witness);
        witness.LogKey = host.Services.GetRequiredService<CheckpointSigner>().PublicKeyText();
        var store = host.Services.GetRequiredService<IDocumentStore>();

        var stages = new List<(string Stage, long Events, double Seconds)>();
        async Task Stage(string name, Func<Task> load)
        {
            var (before, timer) = (await EventCountAsync(dataSource), Stopwatch.StartNew());
            await load();
            var (events, seconds) = (await EventCountAsync(dataSource) - before, timer.Elapsed.TotalSeconds);
            stages.Add((name, events, seconds));
            Console.WriteLine($"  {name}: {events:N0} events in {seconds:F1} s{(events > 0 ? $" = {events / seconds:N0} events/s" : " (kept)")}");
        }

        Console.WriteLine($"city year in schema {Schema} (directory {directory}):");
        await Stage("item list", () => DemoItemList.LoadAsync(store, clock));
        await Stage($"directory of {DirectorySize:N0} (bulk import)", () => ImportAsync(store, clock, directory));
        await Stage("inspectors", () => CityRound.EnrolAsync(store, InspectorsEnrolled));
        await Stage("plan (drafted, filed)", () => FilePlanAsync(host, clock));
        await Stage("draw of T01 (freeze … assignment, witnessed checkpoints)", () => DrawAsync(host, clock));
        await Stage("results and follow-ups (witnessed checkpoint per transaction)", () => ResultsAsync(host, clock));
        var loaded = stages.Where(s => s.Events > 0).ToList();
        if (loaded.Count > 0)
        {
            var (events, seconds) = (loaded.Sum(s => s.Events), loaded.Sum(s => s.Seconds));
            Console.WriteLine($"  loaded now: {events:N0} events in {seconds:F0} s = {events / seconds:N0} events/s");
        }

        return new Loaded(host, clock, witness.Cosigner.Key.VerifierKeyText());
    }

    /// <summary>Integrates the log, signs a checkpoint and has the witness cosign it, failing unless it does.</summary>
    public static async Task SignAndWitnessAsync(IAlbaHost host)
    {
        var log = host.Services.GetRequiredService<LedgerLog>();
        await log.IntegrateAsync(CancellationToken.None);
        if (await log.CheckpointAsync(CancellationToken.None) is not { } note)
        {
            return;
        }

        var outcomes = await host.Services.GetRequiredService<CheckpointWitnessing>().SubmitAsync(note, CancellationToken.None);
        if (outcomes.FirstOrDefault(outcome => !outcome.Cosigned) is { } refused)
        {
            throw new InvalidOperationException($"the witness did not cosign: {refused.Detail}");
        }
    }

    private static async Task<long> EventCountAsync(NpgsqlDataSource dataSource)
    {
        await using var count = dataSource.CreateCommand($"select count(*) from {Schema}.mt_events");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>The demo directory's first million rows (deterministic) through the import verb's path, once.</summary>
    private static async Task ImportAsync(IDocumentStore store, DemoClock clock, string directory)
    {
        await using (var session = store.QuerySession())
        {
            // One revision per entity after the import; it writes in chunks, so a run stopped half way leaves fewer.
            var revisions = await session.Query<Projections.Directories.EntityRevision>().CountAsync();
            if (revisions == DirectorySize)
            {
                return;
            }

            if (revisions > 0)
            {
                throw new InvalidOperationException($"{Schema} holds {revisions:N0} entities, not {DirectorySize:N0}: delete {directory} to load afresh");
            }
        }

        var csv = Path.Combine(directory, "city-year-entities.csv");
        await using (var writer = new StreamWriter(csv))
        {
            EntityCsv.Write(writer, DemoEntities.Generate(DirectorySize));
        }

        await using var file = new UploadedFile(File.OpenRead(csv), "city-year-entities.csv");
        clock.Now = EntitiesImported;
        var registrar = new Actor("bench", Role.Registrar, DivisionCode.Parse(Guiyang.City));
        var summary = await EntityImport.RunAsync(store, file, registrar, clock.Now, null, CancellationToken.None);
        File.Delete(csv);
        Console.WriteLine($"  imported {summary.Registered:N0} entities");
    }

    /// <summary>T01 draws the enterprises' annual reports; T02 covers the rest of the list, so the plan covers all of it.</summary>
    private static async Task FilePlanAsync(IAlbaHost host, DemoClock clock)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        var id = Ledger.Plans.PlanId.Parse(PlanId);
        if (await PlanReads.CurrentAsync(session, id) is not null)
        {
            return;
        }

        var list = await ItemListReads.CurrentAsync(session, ItemListId.Parse(Guiyang.City, DemoItemList.Version))
            ?? throw new InvalidOperationException("the demo item list is not loaded");
        var others = list.Items.Where(item => item.Status == ItemStatus.Active && !DrawnItems.Contains(item.Code)).Select(item => item.Code);
        var draft = new DraftPlan(
            2021, Guiyang.City, "SJJ", "贵阳市市场监督管理局", new ItemListReference(Guiyang.City, DemoItemList.Version),
            [
                new TaskInput(
                    "T01", "企业年度报告公示信息抽查（城市一年基准 / city-year benchmark）", DrawnItems, null, "RiskClass",
                    [new("A", "3/100", null), new("B", "3/100", null), new("C", "3/100", null), new("D", "3/100", null)],
                    2, 60, true, Department, [], "2021-04-01", "2021-11-05"),
                new TaskInput(
                    "T02", "其他事项综合抽查（未抽取 / not drawn）", [.. others], null, "None", [new StratumInput("all", "1/100", null)],
                    2, 20, true, Department, [DemoDraw.FoodDepartment, "特种设备安全监察处"], "2021-05-01", "2021-11-05"),
            ]);
        await BenchPlans.DraftAndFileAsync(host, session, id, draft, Division, clock);
        await SignAndWitnessAsync(host); // the filing's witnessed upper bound, before the tasks start
    }

    private static async Task DrawAsync(IAlbaHost host, DemoClock clock)
    {
        await using (var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            if ((await TaskDraws.LoadAsync(session, TaskId)).State?.Current is { Assignment: not null })
            {
                return;
            }
        }

        var round = await BenchDraws.DrawAsync(host, clock, TaskId, SignAndWitnessAsync);
        Console.WriteLine($"  pool {round.Pool.EntityCount:N0}, selected {round.Execution!.Selected.Count:N0}");
    }

    /// <summary>The demo's year of results on T01, each transaction followed by a witnessed checkpoint at its last step's time.</summary>
    private static async Task ResultsAsync(IAlbaHost host, DemoClock clock)
    {
        var inspectors = Enumerable.Range(0, CityRound.InspectorCount).Select(CityRound.Inspector)
            .ToDictionary(inspector => inspector.Id!, inspector => DivisionCode.Parse(inspector.Jurisdiction!));
        var (signing, checkpoints) = (new Stopwatch(), 0);
        var outcome = await DemoResults.LoadAsync(
            host.Services.GetRequiredService<IDocumentStore>(), [TaskId], inspectors,
            async at =>
            {
                clock.Now = at;
                signing.Start();
                await SignAndWitnessAsync(host);
                checkpoints++;
                signing.Stop();
            },
            CancellationToken.None);
        if (!outcome.AlreadyLoaded)
        {
            Console.WriteLine(
                $"  {outcome.Results:N0} results, {outcome.Published:N0} published ({outcome.Late:N0} late), {outcome.Exempted} exempted, " +
                $"{outcome.FollowUps:N0} follow-ups ({outcome.OpenFollowUps:N0} open); of the time, {checkpoints} checkpoints " +
                $"integrated, signed and witnessed took {signing.Elapsed.TotalSeconds:F1} s");
        }
    }
}
