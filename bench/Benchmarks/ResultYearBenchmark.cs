extern alias api;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
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
using FairDraw.Projections.Storage;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Npgsql;
using Weasel.Core;
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

    /// <summary>The tasks' lead department, which the official's token names (its results are that department's).</summary>
    private const string Department = "信用监管处";
    private const int Slices = 5;
    private static readonly string[] Items = ["01-01", "01-02"];
    private static readonly Actor Division = new("business-division", Role.BusinessDivision, DivisionCode.Parse(Guiyang.City));

    /// <summary>The evidence file every result references: uploaded first, as the server refuses a reference to a file it does not hold.</summary>
    private static readonly byte[] EvidenceBytes = [.. Enumerable.Range(0, 2048).Select(i => (byte)i)];
    private static readonly EvidenceAttachment Evidence = new(Convert.ToHexStringLower(SHA256.HashData(EvidenceBytes)), EvidenceBytes.Length);

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
        await using var host = await InProcessApi.StartAsync(connectionString, Schema, keys, clock);
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
        var official = tokens.Issue(Division.Id, Division.Id, Role.BusinessDivision, Division.Jurisdiction, Duration.FromHours(12), Department);

        var figures = new List<(double Recording, double Floor, double OfFloor, double Lookup)>();
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

            await SendAsync(client, "/api/attachments", inspectorTokens.Values.First(), new ByteArrayContent(EvidenceBytes) { Headers = { ContentType = new("application/octet-stream") } },
                HttpStatusCode.OK);

            // Three sides in an order turning with the run, so that a drift in the shared machine's load falls on each.
            var steps = new List<double>();
            Func<Task<double>>[] sides =
            [
                () => PlainAsync(plain, taskId, round.Number, results, writers, clock.Now),
                () => FloorAsync(store, taskId, round.Number, results, writers, clock.Now),
                () => RealAsync(client, taskId, official, inspectorTokens, results, writers, steps),
            ];
            var seconds = new double[sides.Length];
            for (var i = 0; i < sides.Length; i++)
            {
                var side = (i + run) % sides.Length;
                seconds[side] = await sides[side]();
            }

            var (plainSeconds, floorSeconds, realSeconds) = (seconds[0], seconds[1], seconds[2]);
            var recording = plainSeconds / realSeconds;
            var events = results.Count * 3;
            Console.WriteLine(
                $"run {run} ({taskId}): {results.Count:N0} results, {events:N0} events by {writers} clients | real path {realSeconds:F1} s = " +
                $"{events / realSeconds:F0} events/s (record {steps[0]:F1} s, approve {steps[1]:F1} s, publish {steps[2]:F1} s) | floor " +
                $"{floorSeconds:F1} s = {events / floorSeconds:F0} events/s | plain appends {plainSeconds:F1} s = {events / plainSeconds:F0} events/s");
            Console.WriteLine(
                $"  recording / plain {recording:F2} (target ≥ 0.5) | floor / plain {plainSeconds / floorSeconds:F2} | " +
                $"recording / floor {floorSeconds / realSeconds:F2}");
            Console.WriteLine($"  where a record request's reads go (sequential, 200 of them): {await ProfileAsync(host, taskId, results)}");

            var lookup = await ReadsAsync(client, [.. sampled], readers, perCase);
            figures.Add((recording, plainSeconds / floorSeconds, floorSeconds / realSeconds, lookup));
        }

        Console.WriteLine(
            $"| {runs} runs | recording / plain appends (target ≥ 0.5) {Spread(figures.Select(f => f.Recording))} | floor / plain " +
            $"{Spread(figures.Select(f => f.Floor))} | recording / floor {Spread(figures.Select(f => f.OfFloor))} | " +
            $"lookup p99 / checkpoint p99 (target ≤ 2) {Spread(figures.Select(f => f.Lookup))} |");
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
                2, 60, false, Department, [], "2021-04-01", "2021-11-05"))]);
        await BenchPlans.DraftAndFileAsync(host, session, id, draft, Division, clock);
    }

    /// <summary>The first task without a draw, drawn to its assignment through the same steps as the demo's draw.</summary>
    private static async Task<string> DrawNextTaskAsync(IAlbaHost host, DemoClock clock)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
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
        await BenchDraws.DrawAsync(host, clock, taskId, BenchDraws.SignAsync);
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
        [new AttachmentInput(Evidence.Sha256, Evidence.Size)]);

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

    /// <summary>The real path: every record, then every approval, then every publication through the endpoints; each phase's seconds into <paramref name="steps"/>.</summary>
    private static async Task<double> RealAsync(
        HttpClient client, string taskId, string official, IReadOnlyDictionary<string, string> inspectorTokens,
        IReadOnlyList<(string Entity, string Item, IReadOnlyList<string> Inspectors)> results, int writers, List<double> steps)
    {
        var real = Stopwatch.StartNew();
        foreach (var (_, request) in RealSteps(taskId, official, inspectorTokens))
        {
            var started = real.Elapsed;
            await ConcurrentlyAsync(results, writers, r => request(client, r));
            steps.Add((real.Elapsed - started).TotalSeconds);
        }

        return real.Elapsed.TotalSeconds;
    }

    /// <summary>The yardstick: the same events, one per transaction by the same number of writers, with no rule, projection or chain.</summary>
    private static async Task<double> PlainAsync(
        IDocumentStore plain, string taskId, int round, IReadOnlyList<(string Entity, string Item, IReadOnlyList<string> Inspectors)> results, int writers,
        Instant now)
    {
        var prefix = Guid.NewGuid().ToString("N"); // a fresh stream per result and run
        var timer = Stopwatch.StartNew();
        foreach (var make in ResultEvents(taskId, round, now))
        {
            await ConcurrentlyAsync(results, writers, async r =>
            {
                await using var session = plain.LightweightSession();
                session.Events.Append($"{prefix}:{r.Entity}:{r.Item}", make(r.Entity, r.Item, r.Inspectors[0]));
                await session.SaveChangesAsync();
            });
        }

        return timer.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The design's floor: the same events through the ledger's one write path (StreamAppend on the real store: the chaining
    /// listener, the log's leaves, the inline projections), with no rule and no read before it. Under a task and entity ids
    /// of their own, so that the public lookups and the task's results never include them.
    /// </summary>
    private static async Task<double> FloorAsync(
        IDocumentStore store, string taskId, int round, IReadOnlyList<(string Entity, string Item, IReadOnlyList<string> Inspectors)> results, int writers,
        Instant now)
    {
        var floorTask = $"{taskId}FLOOR"; // a task code of its own: "…-T01FLOOR"
        var prefix = Guid.NewGuid().ToString("N")[..8]; // entity ids of 18 characters, fresh per run
        var streams = results.Select((r, i) => (Entity: $"{prefix}{i / Items.Length:D10}", r.Item, Recorder: r.Inspectors[0])).ToList();
        var timer = Stopwatch.StartNew();
        var version = 0;
        foreach (var make in ResultEvents(floorTask, round, now))
        {
            var read = version == 0 ? null : new LoadedResult(null, version);
            await ConcurrentlyAsync(streams, writers, async r =>
            {
                await using var session = store.LightweightSession();
                await StreamAppend.AppendAsync(session, StreamKeys.Result(floorTask, r.Entity, r.Item), read, [make(r.Entity, r.Item, r.Recorder)]);
            });
            version++;
        }

        return timer.Elapsed.TotalSeconds;
    }

    /// <summary>The three events of one result (recorded, approved, published) as the real path writes them, for the yardsticks.</summary>
    private static Func<string, string, string, object>[] ResultEvents(string taskId, int round, Instant now)
    {
        var content = new ResultContent(
            Ledger.Items.InspectionMethod.OnSite, new LocalDate(2022, 6, 28), ["a", "b"], ResultOutcome.CorrectedOnOrder, null,
            Found([]).Findings!, [Evidence]);
        return
        [
            (entity, item, recorder) => new InspectionResultRecorded(taskId, round, entity, item, content, new LocalDate(2021, 11, 5), true, recorder, now),
            (entity, item, _) => new InspectionResultApproved(taskId, entity, item, 0, Division.Id, now),
            (entity, item, _) => new InspectionResultPublished(
                taskId, entity, item, content.InspectionDate, new LocalDate(2022, 7, 26), new LocalDate(2022, 7, 1), false, 0, Division.Id, now),
        ];
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
    /// worth): the plan (read once), the draw as the endpoint reads it (kept, after a read of the stream's head) and
    /// folded afresh (as before issue 21's benchmark), the item from the list the plan names, the result's stream; and
    /// the assignment book as kept with the draw beside one built afresh from the round (as before issue 21's perf work).
    /// </summary>
    private static async Task<string> ProfileAsync(
        IAlbaHost host, string taskId, IReadOnlyList<(string Entity, string Item, IReadOnlyList<string> Inspectors)> results)
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var draws = host.Services.GetRequiredService<CurrentDraws>();
        var times = new double[7];
        var timer = new Stopwatch();
        for (var i = 0; i < 200; i++)
        {
            var (entity, item, _) = results[i * results.Count / 200];
            await using var session = store.QuerySession();
            timer.Restart();
            var (plan, _) = await PlanReads.PlanOfTaskAsync(session, taskId);
            times[0] += timer.Elapsed.TotalMilliseconds;
            timer.Restart();
            var draw = await draws.LoadAsync(session, taskId);
            times[1] += timer.Elapsed.TotalMilliseconds;
            timer.Restart();
            _ = draw.Book;
            times[5] += timer.Elapsed.TotalMilliseconds;
            timer.Restart();
            AssignmentBook.Of(draw.State!.Current);
            times[6] += timer.Elapsed.TotalMilliseconds;
            timer.Restart();
            await TaskDraws.LoadAsync(session, taskId);
            times[2] += timer.Elapsed.TotalMilliseconds;
            timer.Restart();
            await TaskResults.ItemAsync(session, plan, item);
            times[3] += timer.Elapsed.TotalMilliseconds;
            timer.Restart();
            await TaskResults.LoadAsync(session, taskId, entity, item);
            times[4] += timer.Elapsed.TotalMilliseconds;
        }

        return $"plan {times[0] / 200:F2} ms, draw kept {times[1] / 200:F2} ms (folded afresh {times[2] / 200:F2} ms), " +
            $"item {times[3] / 200:F2} ms, result stream {times[4] / 200:F2} ms; the assignment book kept {times[5] / 200:F2} ms " +
            $"(built afresh {times[6] / 200:F2} ms)";
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

    private static string Spread(IEnumerable<double> values)
    {
        var all = values.ToList();
        return $"median {Median(all):F2} ({all.Min():F2}–{all.Max():F2})";
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
