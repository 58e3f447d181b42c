using System.Diagnostics;
using System.Text.Json;
using FairDraw.Api.Draws;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace FairDraw.Benchmarks;

/// <summary>
/// The .NET draw verification (<see cref="DrawVerification.Verify"/>, what `verify-draw` runs after its database reads)
/// on an evidence bundle, with no database and no host: the round is folded from the events in the bundle's receipts
/// (the canonical ledger records), and the entity pool members are the bundle's. For comparing with
/// `node verifier/draw-verifier.mjs` on the same file. Prints the first (cold, JIT included) run and then warm runs.
/// </summary>
public static class BundleVerifyBenchmark
{
    /// <summary>The ledger serializer's settings for payloads (PascalCase members, NodaTime, enums as strings).</summary>
    private static readonly JsonSerializerOptions Ledger = CreateLedger();

    public static int Run(string file, int runs)
    {
        var clock = Stopwatch.StartNew();
        var bundle = JsonSerializer.Deserialize<EvidenceBundle>(File.ReadAllBytes(file), EvidenceBundle.Json)
            ?? throw new InvalidDataException($"{file} is empty");
        TaskDraw? state = null;
        var receipts = new List<DrawEventReceipt>();
        foreach (var stored in bundle.Events)
        {
            var receipt = stored.Receipt ?? throw new InvalidDataException($"{stored.Type} #{stored.Sequence} has no receipt");
            using var record = JsonDocument.Parse(receipt.Canonical);
            var name = string.Concat(stored.Type.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
            var type = typeof(PoolFrozen).Assembly.GetType($"{typeof(PoolFrozen).Namespace}.{name}")
                ?? throw new InvalidDataException($"unknown event type {stored.Type}");
            var data = (IDrawEvent)record.RootElement.GetProperty("data").Deserialize(type, Ledger)!;
            state = TaskDraw.Evolve(state, data);
            receipts.Add(new DrawEventReceipt(stored.Type, stored.Sequence, receipt, data));
        }

        List<EntityMember> members = [.. bundle.Inputs.Entities.Select(entity => new EntityMember(entity.Stratum, entity.Id))];
        var read = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine($"{file}: {members.Count:N0} entities, {bundle.Inputs.Inspectors.Count:N0} inspectors, {bundle.Outputs.Selected.Count:N0} selected, {bundle.Outputs.Adjustments.Count} adjustments");
        Console.WriteLine($"read the bundle and fold its {bundle.Events.Count} events: {read:N0} ms");
        var passed = true;
        for (var run = 0; run <= runs; run++)
        {
            clock.Restart();
            var report = DrawVerification.Verify(state!, bundle.Round, RebuiltPools.WithRecorded(state!.RoundNumber(bundle.Round), EntityPoolBuilder.From(members)), receipts, bundle.LedgerKey);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            passed &= report.Passed;
            Console.WriteLine($"{(run == 0 ? "cold run (JIT included)" : $"warm run {run}")}: {elapsed:N0} ms, {(report.Passed ? "verified" : $"FAILED: {report.FirstFailure}")}");
        }

        return passed ? 0 : 1;
    }

    private static JsonSerializerOptions CreateLedger()
    {
        var options = new JsonSerializerOptions();
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        return options;
    }
}
