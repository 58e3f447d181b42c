extern alias api;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Alba;
using FairDraw.Api.Access;
using FairDraw.Api.Demo;
using FairDraw.Api.Draws;
using FairDraw.Api.InspectionResults;
using FairDraw.Api.Plans;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Results;
using FairDraw.Projections.Draws;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Storage;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Npgsql;
using Weasel.Core;
using Wolverine;
using static FairDraw.Api.Demo.DemoClock;

namespace FairDraw.Benchmarks;

/// <summary>
/// A city's year of results over the 1,000,000-entity directory the import benchmark leaves in schema bench_import: per
/// run a task of the plan is drawn (as the demo draws), then 9,000 results (4,500 objects × two items; fewer if asked) are recorded,
/// approved and published through the API's endpoints by concurrent clients, beside plain Marten appends of the same
/// events in the same run; then the public by-USCC lookup and the checkpoint read take turns under 16 readers. The API
/// runs in this process (Alba, the whole ASP.NET Core pipeline without sockets), on the demo's 2021–2022 clock.
/// </summary>
public static class ResultYearBenchmark
{
    private const string Schema = "bench_import";
    private const string PlainSchema = "bench_plain";
    private const string PlanId = "2021-520100-SJJ";
    private const int Tasks = 12;
    private const int Slices = 5;
    private static readonly string[] Items = ["01-01", "01-02"];
    private static readonly Actor Division = new("business-division", Role.BusinessDivision, DivisionCode.Parse(Guiyang.City));
    private static readonly Actor CreditOffice = new("credit-office", Role.CreditOffice, DivisionCode.Parse(Guiyang.City));

    public static async Task RunAsync(string connectionString, int runs, int writers, int readers, TimeSpan perCase, int objects)
    {
        await using var dataSource = LedgerStoreOptions.CreateDataSource(connectionString);
        var keys = Path.Combine(Path.GetTempPath(), "fairdraw-bench-results-keys");
        SigningKeys.Initialise(keys);
        ListBenchmark.Migrate(connectionString, keys);
        await using (var count = dataSource.CreateCommand($"select count(*) from {Schema}.mt_doc_entityrevision where is_current"))
        {
            Console.WriteLine($"current entities in {Schema}: {(long)(await count.ExecuteScalarAsync())!:N0}");
        }

        var clock = new DemoClock(ItemListPublished);
        // The in-process host's content root is this folder (the API's files are copied beside the benchmark), not a
        // project folder beside the solution, which is what the test factory looks for otherwise.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_FAIRDRAW_API", AppContext.BaseDirectory);
        await using var host = await AlbaHost.For<api::Program>(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("FAIRDRAW_DATABASE", connectionString);
            builder.UseSetting("Ledger:Schema", Schema);
            builder.UseSetting("Ledger:KeyDirectory", keys);
            builder.UseSetting("Ledger:IntegrateInBackground", "false");
            builder.ConfigureServices(services =>
            {
                services.DisableAllExternalWolverineTransports();
                services.AddSingleton<IClock>(clock);
            });
        });
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await FilePlanAsync(host, clock);
        // Plain appends: string stream keys and NodaTime JSON as the ledger's, and nothing else (no chain, no projection).
        using var plain = DocumentStore.For(options =>
        {
            options.Connection(dataSource);
            options.DatabaseSchemaName = PlainSchema;
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString, configure: json => json.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb));
            options.Events.StreamIdentity = StreamIdentity.AsString;
        });
        using var client = host.Server.CreateClient();
        var tokens = host.Services.GetRequiredService<TokenService>();
        var official = tokens.Issue(Division.Id, Division.Id, Role.BusinessDivision, Division.Jurisdiction, Duration.FromHours(12));

        var figures = new List<(double Recording, double Lookup)>();
        for (var run = 1; run <= runs; run++)
        {
            var taskId = await DrawNextTaskAsync(host, clock);
            var round = (await LoadDrawAsync(store, taskId)).Current;
            var book = AssignmentBook.Of(round);
            var sampled = round.Sample().Where(id => book.InspectorsOf(id).Count >= 2).Take(objects).ToList();
            if (sampled.Count < objects)
            {
                throw new InvalidOperationException($"task {taskId} assigned only {sampled.Count} objects two inspectors; {objects} needed");
            }

            clock.Now = At(2022, 7, 1, 10);
            var results = sampled.SelectMany(entity => Items.Select(item => (Entity: entity, Item: item, Inspectors: book.InspectorsOf(entity)))).ToList();
            var inspectorTokens = results.SelectMany(r => r.Inspectors).Distinct().ToDictionary(
                id => id, id => tokens.Issue(id, id, Role.Inspector, DivisionCode.Parse(Guiyang.City), Duration.FromHours(12)));

            // Alternate which side goes first, so that a drift in the shared machine's load falls on both.
            var plainFirst = run % 2 == 0;
            var plainSeconds = plainFirst ? await PlainAsync(plain, taskId, round.Number, results, writers, clock.Now) : 0;
            var real = Stopwatch.StartNew();
            var steps = new List<double>();
            foreach (var (step, request) in RealSteps(taskId, official, inspectorTokens))
            {
                var started = real.Elapsed;
                await ConcurrentlyAsync(results, writers, r => request(client, r));
                steps.Add((real.Elapsed - started).TotalSeconds);
            }

            real.Stop();
            plainSeconds = plainFirst ? plainSeconds : await PlainAsync(plain, taskId, round.Number, results, writers, clock.Now);
            var recording = plainSeconds / real.Elapsed.TotalSeconds;
            var events = results.Count * 3;
            Console.WriteLine(
                $"run {run} ({taskId}): {results.Count:N0} results, {events:N0} events by {writers} clients | real path {real.Elapsed.TotalSeconds:F1} s = " +
                $"{events / real.Elapsed.TotalSeconds:F0} events/s (record {steps[0]:F1} s, approve {steps[1]:F1} s, publish {steps[2]:F1} s) | plain appends " +
                $"{plainSeconds:F1} s = {events / plainSeconds:F0} events/s | recording / plain {recording:F2} (target ≥ 0.5)");
            Console.WriteLine($"  where a record request's reads go (sequential, 200 of them): {await ProfileAsync(host, taskId, results)}");

            var lookup = await ReadsAsync(client, [.. sampled], readers, perCase);
            figures.Add((recording, lookup));
        }

        Console.WriteLine(
            $"| {runs} runs | recording / plain appends (target ≥ 0.5) median {Median(figures.Select(f => f.Recording)):F2} " +
            $"({figures.Min(f => f.Recording):F2}–{figures.Max(f => f.Recording):F2}) | lookup p99 / checkpoint p99 (target ≤ 2) median " +
            $"{Median(figures.Select(f => f.Lookup)):F2} ({figures.Min(f => f.Lookup):F2}–{figures.Max(f => f.Lookup):F2}) |");
    }

    /// <summary>The demo's item list and inspectors, and a plan of identical tasks (one per run), as the demo files its own.</summary>
    private static async Task FilePlanAsync(IAlbaHost host, DemoClock clock)
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await DemoItemList.LoadAsync(store, new DemoClock(ItemListPublished));
        await DemoInspectors.LoadAsync(store, new DemoClock(InspectorsEnrolled), CancellationToken.None);
        await using var session = store.LightweightSession();
        var id = Ledger.Plans.PlanId.Parse(PlanId);
        if (await PlanReads.CurrentAsync(session, id) is not null)
        {
            return;
        }

        // 4,500 of the city's enterprises and more: 2 in 100 of those in business (about 6,000 of 1,000,000), two inspectors each, at most 60 objects
        // an inspector (the demo's 330 inspectors could take 9,900).
        var draft = new DraftPlan(
            2021, Guiyang.City, "SJJ", "贵阳市市场监督管理局", new ItemListReference(Guiyang.City, DemoItemList.Version),
            [.. Enumerable.Range(1, Tasks).Select(n => new TaskInput(
                $"T{n:D2}", $"企业公示信息抽查（基准 {n}）", Items, null, "None", [new StratumInput("all", "2/100", null)],
                2, 60, false, "信用监管处", [], "2021-04-01", "2021-11-05"))]);
        clock.Now = DemoClock.PlanDrafted;
        var context = await PlanContexts.ReadAsync(
            session, host.Services.GetRequiredService<EntityPoolReader>(), id, draft.ToContent(), [], CancellationToken.None);
        await StreamAppend.AppendAsync(session, id.StreamKey, read: null, PlanDecisions.Draft(draft, null, context, Division, clock.GetCurrentInstant()));
        clock.Now = At(2021, 3, 16, 10);
        var drafted = await PlanReads.CurrentAsync(session, id);
        await StreamAppend.AppendAsync(session, id.StreamKey, drafted, PlanDecisions.File(drafted!.ToState(), Division, clock.GetCurrentInstant()));
    }

    /// <summary>The first task without a draw, drawn to its assignment through the same steps as the demo's draw.</summary>
    private static async Task<string> DrawNextTaskAsync(IAlbaHost host, DemoClock clock)
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var log = host.Services.GetRequiredService<LedgerLog>();
        var steps = host.Services.GetRequiredService<DrawSteps>();
        await using var session = store.LightweightSession();
        string? taskId = null;
        for (var n = 1; n <= Tasks && taskId is null; n++)
        {
            var candidate = $"{PlanId}-T{n:D2}";
            taskId = (await TaskDraws.LoadAsync(session, candidate)).State is null ? candidate : null;
        }

        if (taskId is null)
        {
            throw new InvalidOperationException($"every task of {PlanId} is drawn: run the import benchmark again for a fresh schema");
        }

        var timer = Stopwatch.StartNew();
        clock.Now = At(2021, 4, 1, 9);
        await steps.FreezeAsync(session, taskId, new FreezePool(null), Division, CancellationToken.None);
        clock.Now = At(2021, 4, 1, 9, 5);
        await steps.CommitAsync(session, taskId, DemoDraw.Commitment(), Division);
        clock.Now = At(2021, 4, 1, 9, 30);
        await log.IntegrateAsync(CancellationToken.None);
        await log.CheckpointAsync(CancellationToken.None);
        await steps.PublishAsync(session, taskId, new PublishCommitment("基准 / benchmark", "基准公告 / benchmark notice"), Division, CancellationToken.None);
        clock.Now = At(2022, 6, 25, 18);
        await steps.RecordRandomnessAsync(session, taskId, DemoDraw.DemoValues(), Division, CancellationToken.None);
        await steps.ConfirmAsync(session, taskId, new ConfirmLotteryValues([new RandomnessInput("fucai-3d", null, [4, 0, 8])]), CreditOffice);
        await steps.ExecuteAsync(session, taskId, Division, CancellationToken.None);
        await steps.AssignAsync(session, taskId, Division);
        await log.IntegrateAsync(CancellationToken.None);
        await log.CheckpointAsync(CancellationToken.None);
        Console.WriteLine($"drew {taskId} (not timed against anything): {timer.Elapsed.TotalSeconds:F1} s");
        return taskId;
    }

    private static async Task<TaskDraw> LoadDrawAsync(IDocumentStore store, string taskId)
    {
        await using var session = store.QuerySession();
        return (await TaskDraws.LoadAsync(session, taskId)).State!;
    }

    private static ResultInput Found(IReadOnlyList<string> inspectors) => new(
        "实地核查", "2022-06-28", [.. inspectors.Take(2)], "发现问题已责令改正", null, "年报信息与实际不符，已责令改正 / annual report corrected on the spot",
        [new AttachmentInput(new string('a', 64), 2048)]);

    /// <summary>The three writes of each result as a front end sends them: record (its inspector), approve, publish (the division).</summary>
    private static IEnumerable<(string Step, Func<HttpClient, (string Entity, string Item, IReadOnlyList<string> Inspectors), Task> Request)> RealSteps(
        string taskId, string official, IReadOnlyDictionary<string, string> inspectorTokens)
    {
        var url = $"/api/tasks/{taskId}/results";
        yield return ("record", (client, r) => SendAsync(
            client, url, inspectorTokens[r.Inspectors[0]], JsonContent.Create(new RecordResult(r.Entity, r.Item, Found(r.Inspectors))), HttpStatusCode.Created));
        yield return ("approve", (client, r) => SendAsync(client, $"{url}/{r.Entity}/{r.Item}/approval", official, null, HttpStatusCode.OK));
        yield return ("publish", (client, r) => SendAsync(client, $"{url}/{r.Entity}/{r.Item}/publication", official, null, HttpStatusCode.OK));
    }

    private static async Task SendAsync(HttpClient client, string url, string token, HttpContent? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await client.SendAsync(request);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"POST {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>The yardstick: the same events, one per transaction by the same number of writers, with no rule, projection or chain.</summary>
    private static async Task<double> PlainAsync(
        IDocumentStore plain, string taskId, int round, IReadOnlyList<(string Entity, string Item, IReadOnlyList<string> Inspectors)> results, int writers,
        Instant now)
    {
        var prefix = Guid.NewGuid().ToString("N"); // a fresh stream per result and run
        var content = new ResultContent(
            Ledger.Items.InspectionMethod.OnSite, new LocalDate(2022, 6, 28), ["a", "b"], ResultOutcome.CorrectedOnOrder, null,
            Found([]).Findings!, [new EvidenceAttachment(new string('a', 64), 2048)]);
        Func<(string Entity, string Item, IReadOnlyList<string> Inspectors), object>[] events =
        [
            r => new InspectionResultRecorded(taskId, round, r.Entity, r.Item, content, new LocalDate(2021, 11, 5), true, r.Inspectors[0], now),
            r => new InspectionResultApproved(taskId, r.Entity, r.Item, 0, Division.Id, now),
            r => new InspectionResultPublished(
                taskId, r.Entity, r.Item, content.InspectionDate, new LocalDate(2022, 7, 26), new LocalDate(2022, 7, 1), false, 0, Division.Id, now),
        ];
        var timer = Stopwatch.StartNew();
        foreach (var make in events)
        {
            await ConcurrentlyAsync(results, writers, async r =>
            {
                await using var session = plain.LightweightSession();
                session.Events.Append($"{prefix}:{r.Entity}:{r.Item}", make(r));
                await session.SaveChangesAsync();
            });
        }

        return timer.Elapsed.TotalSeconds;
    }

    /// <summary><paramref name="writers"/> loops, each taking the next item when its last finished.</summary>
    private static async Task ConcurrentlyAsync<T>(IReadOnlyList<T> items, int writers, Func<T, Task> work)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < items.Count; i = Interlocked.Increment(ref next))
            {
                await work(items[i]);
            }
        }));
    }

    /// <summary>
    /// What a record request reads before it decides, each read timed alone (mean ms over 200 sequential requests'
    /// worth): the plan, the draw as the endpoint reads it (kept, after a read of the stream's head) and folded afresh
    /// (as before issue 21's benchmark), the plan's item list, the result's stream; and the assignment book the decision
    /// builds from the round.
    /// </summary>
    private static async Task<string> ProfileAsync(
        IAlbaHost host, string taskId, IReadOnlyList<(string Entity, string Item, IReadOnlyList<string> Inspectors)> results)
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var draws = host.Services.GetRequiredService<CurrentDraws>();
        var times = new double[6];
        var timer = new Stopwatch();
        for (var i = 0; i < 200; i++)
        {
            var (entity, item, _) = results[i * results.Count / 200];
            await using var session = store.QuerySession();
            timer.Restart();
            var task = await PlanReads.PlannedTaskAsync(session, taskId);
            times[0] += timer.Elapsed.TotalMilliseconds;
            timer.Restart();
            var draw = await draws.LoadAsync(session, taskId);
            times[1] += timer.Elapsed.TotalMilliseconds;
            timer.Restart();
            AssignmentBook.Of(draw.State!.Current);
            times[5] += timer.Elapsed.TotalMilliseconds;
            timer.Restart();
            await TaskDraws.LoadAsync(session, taskId);
            times[2] += timer.Elapsed.TotalMilliseconds;
            timer.Restart();
            await TaskResults.ItemAsync(session, task, item);
            times[3] += timer.Elapsed.TotalMilliseconds;
            timer.Restart();
            await TaskResults.LoadAsync(session, taskId, entity, item);
            times[4] += timer.Elapsed.TotalMilliseconds;
        }

        return $"plan {times[0] / 200:F2} ms, draw kept {times[1] / 200:F2} ms (folded afresh {times[2] / 200:F2} ms), " +
            $"item list {times[3] / 200:F2} ms, result stream {times[4] / 200:F2} ms; the decision's assignment book {times[5] / 200:F2} ms";
    }

    /// <summary>
    /// The public by-USCC lookup (a different published entity each request) and the checkpoint read take turns in
    /// slices under <paramref name="readers"/> readers; returns the lookup's p99 over the checkpoint's.
    /// </summary>
    private static async Task<double> ReadsAsync(HttpClient client, string[] entities, int readers, TimeSpan perCase)
    {
        var next = 0;
        (string Name, Func<string> Url)[] cases =
        [
            ("checkpoint `GET /api/ledger/checkpoint`", () => "/api/ledger/checkpoint"),
            ("by USCC `GET /api/public/entities/{uscc}/results`",
                () => $"/api/public/entities/{entities[(Interlocked.Increment(ref next) & int.MaxValue) % entities.Length]}/results"),
            // Result statistics (`GET /api/statistics/results`, issue 21's statistics point) join here as a third case.
        ];
        foreach (var (_, url) in cases)
        {
            await LoadAsync(client, url, readers, TimeSpan.FromSeconds(2));
        }

        var latencies = cases.Select(_ => new List<double>()).ToArray();
        for (var slice = 0; slice < Slices; slice++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                latencies[c].AddRange(await LoadAsync(client, cases[c].Url, readers, perCase / Slices));
            }
        }

        var p99 = new double[cases.Length];
        for (var c = 0; c < cases.Length; c++)
        {
            var sorted = latencies[c].Order().ToArray();
            p99[c] = Percentile(sorted, 0.99);
            Console.WriteLine(
                $"  {cases[c].Name}: {sorted.Length:N0} requests by {readers} readers, p50 {Percentile(sorted, 0.50):F1} ms, p99 {p99[c]:F1} ms");
        }

        Console.WriteLine($"  lookup p99 / checkpoint p99 (target ≤ 2): {p99[1] / p99[0]:F2}");
        return p99[1] / p99[0];
    }

    private static async Task<List<double>> LoadAsync(HttpClient client, Func<string> url, int readers, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var all = await Task.WhenAll(Enumerable.Range(0, readers).Select(async _ =>
        {
            var own = new List<double>();
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                var address = url();
                using var response = await client.GetAsync(address, HttpCompletionOption.ResponseContentRead);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"GET {address} answered {(int)response.StatusCode}");
                }

                own.Add((clock.Elapsed - started).TotalMilliseconds);
            }

            return own;
        }));
        return [.. all.SelectMany(l => l)];
    }

    private static double Percentile(double[] sorted, double share) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(share * sorted.Length) - 1)];

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
