using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using FairDraw.Api.Draws;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Integrity;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Tests.Draws;
using FairDraw.Projections.Draws;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace FairDraw.Benchmarks;

/// <summary>
/// A 3% draw stratified by the four risk classes over the directory the import benchmark leaves in schema
/// bench_import (1,000,000 entities), through the product's own code: the pool reader, the kept pool copy (written at
/// the freeze while the root is computed, recorded by its digest in the ledger, restored at the execution), the
/// decisions and the verifier. The yardstick is a plain read of the same
/// pool rows in the same run.
/// </summary>
public static class DrawBenchmark
{
    private const string Schema = "bench_import";

    private static readonly DivisionCode Guiyang = DivisionCode.Parse("520100");
    private static readonly Actor Division = new("bench", Role.BusinessDivision, Guiyang);
    private static readonly Actor CreditOffice = new("bench-credit-office", Role.CreditOffice, Guiyang);

    public static async Task RunAsync(string connectionString)
    {
        await using var dataSource = LedgerStoreOptions.CreateDataSource(connectionString);
        var reader = new EntityPoolReader(dataSource, Schema);
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var drawPools = new DrawPools(reader, new FrozenPoolCopies(dataSource, Schema), services.GetRequiredService<IMeterFactory>());
        using var store = DocumentStore.For(options => LedgerStoreOptions.Configure(options, dataSource, Schema));
        await LedgerSchema.EnsureAsync(dataSource, Schema, CancellationToken.None);
        var filter = PopulationFilter.For(NewTask(0));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signer = new CheckpointSigner(key, "bench.fairdraw/ledger");

        for (var run = 1; run <= 3; run++)
        {
            var task = NewTask(run);
            var plainCpu = MachineCpu.Busy();
            var plainFaults = ProcessMemory.MinorFaults();
            var plain = Stopwatch.StartNew();
            var rows = await PlainReadAsync(dataSource);
            plain.Stop();
            plainCpu = MachineCpu.Busy() - plainCpu;
            plainFaults = ProcessMemory.MinorFaults() - plainFaults;

            var freezeCpu = MachineCpu.Busy();
            var freezeFaults = ProcessMemory.MinorFaults();
            var freeze = Stopwatch.StartNew();
            var now = Instant.FromUtc(2021, 4, 1, 9, 0);
            PoolFrozen frozen;
            long position;
            TimeSpan freezeRead, freezeLayout, freezeKeep;
            await using (var session = store.LightweightSession())
            {
                position = await reader.SettledPositionAsync(session, CancellationToken.None);
                var members = await reader.MembersAsync(filter, position, new HashSet<string>(), CancellationToken.None);
                freezeRead = freeze.Elapsed;
                var entities = members.Freeze();
                freezeLayout = freeze.Elapsed - freezeRead;
                var keeping = freeze.Elapsed;
                await drawPools.KeepAsync(session, entities, CancellationToken.None);
                freezeKeep = freeze.Elapsed - keeping;
                var pools = new FrozenPools(position, entities, InspectorPool.Freeze(Inspectors()), ConflictPool.Freeze([]), []);
                frozen = (PoolFrozen)DrawDecisions.Freeze(task, null, new FreezePool(null), pools, Division, now).Single();
                session.Events.Append(StreamKeys.PoolCopy(task.TaskId), PoolCopyKept.Of(frozen, entities));
                await StreamAppend.SaveAsync(session);
            }

            freeze.Stop();
            var log = new DrawLog(signer, position + 1);
            var state = Fold(null, [frozen], log);
            freezeCpu = MachineCpu.Busy() - freezeCpu;
            freezeFaults = ProcessMemory.MinorFaults() - freezeFaults;

            state = Fold(state, DrawDecisions.Commit(task, state, Commitment(), signer, Division, now), log);
            state = Fold(state, DrawDecisions.Publish(task, state, new PublishCommitment("portal", "notice"), log.Commitment(), Division, now), log);
            now = Instant.FromUtc(2021, 4, 3, 14, 0);
            var values = new RecordRandomness([new("drand", new string('a', 96), null), new("lottery", null, [7, 2, 7], Announcement: "notice")]);
            state = Fold(state, DrawDecisions.RecordRandomness(task, state, values, Division, now), log);
            var confirmation = new ConfirmLotteryValues([new("lottery", null, [7, 2, 7])]);
            state = Fold(state, DrawDecisions.ConfirmLotteryValues(task, state, confirmation, CreditOffice, now), log);

            var executeCpu = MachineCpu.Busy();
            var executeFaults = ProcessMemory.MinorFaults();
            var execute = Stopwatch.StartNew();
            EntityPool restored;
            await using (var session = store.QuerySession())
            {
                restored = await drawPools.RestoreAsync(session, frozen, CancellationToken.None);
            }

            var executeRestore = execute.Elapsed;
            var executed = DrawDecisions.Execute(task, state, restored, Division, now);
            state = Fold(state, executed);
            execute.Stop();
            log.Append(executed);
            executeCpu = MachineCpu.Busy() - executeCpu;
            executeFaults = ProcessMemory.MinorFaults() - executeFaults;

            var verifyCpu = MachineCpu.Busy();
            var verifyFaults = ProcessMemory.MinorFaults();
            var verify = Stopwatch.StartNew();
            var again = await reader.MembersAsync(filter, position, new HashSet<string>(), CancellationToken.None);
            var verifyRead = verify.Elapsed;
            var report = DrawVerification.Verify(state!, 1, RebuiltPools.WithRecorded(state!.Current, again), log.Receipts(), signer.PublicKeyText());
            verify.Stop();
            verifyCpu = MachineCpu.Busy() - verifyCpu;
            verifyFaults = ProcessMemory.MinorFaults() - verifyFaults;

            var outcome = state!.Current.Execution!;
            var both = freeze.Elapsed + execute.Elapsed;
            Console.WriteLine(
                $"run {run}: pool {rows.Count:N0} rows in {outcome.Strata.Count} strata, sample {outcome.Selected.Count:N0} | plain read {plain.ElapsedMilliseconds:N0} ms{Busy(plainCpu, plain, plainFaults)} | " +
                $"freeze {freeze.ElapsedMilliseconds:N0} ms{Busy(freezeCpu, freeze, freezeFaults)} (pool read {freezeRead.TotalMilliseconds:N0}, sort and lay out {freezeLayout.TotalMilliseconds:N0}, copy kept while the root is computed {freezeKeep.TotalMilliseconds:N0}, commit {(freeze.Elapsed - freezeRead - freezeLayout - freezeKeep).TotalMilliseconds:N0}) | " +
                $"execute {execute.ElapsedMilliseconds:N0} ms{Busy(executeCpu, execute, executeFaults)} (kept copy read, checked by its digest and restored {executeRestore.TotalMilliseconds:N0}) | " +
                $"freeze+execute {both.TotalMilliseconds:N0} ms ({both / plain.Elapsed:F2}x) | verify {verify.ElapsedMilliseconds:N0} ms{Busy(verifyCpu, verify, verifyFaults)} (pool read {verifyRead.TotalMilliseconds:N0}; {verify.Elapsed / plain.Elapsed:F2}x) | " +
                $"{(report.Checks.Where(check => check.Name is not ("assignments" or "adjustments")).All(check => check.Outcome == CheckOutcome.Pass) ? "every check up to the selection passed" : report.FirstFailure)}");
        }
    }

    /// <summary>The machine's CPU time over a step, how many cores that kept busy on average, and this process's page faults.</summary>
    private static string Busy(TimeSpan cpu, Stopwatch wall, long faults) =>
        $" [CPU {cpu.TotalMilliseconds:N0} ms = {cpu / wall.Elapsed:F2} cores, {faults:N0} page faults]";

    /// <summary>The yardstick: the same rows (stratum, id) read into a list of pairs, nothing else.</summary>
    private static async Task<List<(string Stratum, string Id)>> PlainReadAsync(Npgsql.NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            $"select data->>'RiskClass', uscc from {Schema}.mt_doc_entityrevision where is_current and jurisdiction like '5201%' and data->>'Status' = 'Existing'");
        await using var rows = await command.ExecuteReaderAsync();
        var result = new List<(string, string)>();
        while (await rows.ReadAsync())
        {
            result.Add((rows.GetString(0), rows.GetString(1)));
        }

        return result;
    }

    /// <summary>A task of its own for each run: the kept copies are append-only and keyed by task, so each run writes its own.</summary>
    private static PlannedTask NewTask(int run) =>
        new($"bench-{Guid.NewGuid():N}-{run}", "2021-520100-SJJ", Guiyang, 2021, true, Spec(), [.. Enum.GetValues<EntityType>()]);

    private static TaskDraw? Fold(TaskDraw? state, IReadOnlyList<object> events) => events.Aggregate(state, TaskDraw.Evolve);

    /// <summary>Folds <paramref name="events"/> and logs them, so that the verification gets a receipt for each.</summary>
    private static TaskDraw? Fold(TaskDraw? state, IReadOnlyList<object> events, DrawLog log)
    {
        log.Append(events);
        return Fold(state, events);
    }

    private static SamplingTaskSpec Spec() => new(
        "01", "bench", ["01-01"], TaskTargeting.Untargeted, StratifyBy.RiskClass,
        [new("A", "3/100", null), new("B", "3/100", null), new("C", "3/100", null), new("D", "3/100", null)],
        2, 100, false, "信用监管处", [], new LocalDate(2021, 4, 1), new LocalDate(2021, 11, 5));

    private static CommitDraw Commitment() => new(
        [
            new("drand", RandomnessSource.Drand, "default", ((Instant.FromUtc(2021, 4, 3, 0, 0).ToUnixTimeSeconds() - 1595431050) / 30) + 1, null, null, null),
            new("lottery", RandomnessSource.Lottery, null, null, "福彩3D", new LocalDate(2021, 4, 3), "2021083"),
        ],
        []);

    private static IEnumerable<InspectorMember> Inspectors() =>
        Enumerable.Range(0, 500).Select(i => new InspectorMember($"GY-{i:D4}", $"unit-{i % 25}", i % 3 == 0 ? ["food"] : [], 100));
}
