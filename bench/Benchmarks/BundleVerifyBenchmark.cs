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
        var bundle = Read(file);
        var read = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine($"{file}: {bundle.Members.Count:N0} entities, {bundle.Bundle.Inputs.Inspectors.Count:N0} inspectors, {bundle.Bundle.Outputs.Selected.Count:N0} selected, {bundle.Bundle.Outputs.Adjustments.Count} adjustments");
        Console.WriteLine($"read the bundle and fold its {bundle.Bundle.Events.Count} events: {read:N0} ms");
        var passed = true;
        for (var run = 0; run <= runs; run++)
        {
            clock.Restart();
            var report = bundle.Verify();
            var elapsed = clock.Elapsed.TotalMilliseconds;
            passed &= report.Passed;
            Console.WriteLine($"{(run == 0 ? "cold run (JIT included)" : $"warm run {run}")}: {elapsed:N0} ms, {(report.Passed ? "verified" : $"FAILED: {report.FirstFailure}")}");
        }

        return passed ? 0 : 1;
    }

    /// <summary>The bundle read and its round folded from the receipts' canonical records: what the recomputation starts from.</summary>
    public static FoldedBundle Read(string file)
    {
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

        return new FoldedBundle(bundle, state!, receipts, [.. bundle.Inputs.Entities.Select(entity => new EntityMember(entity.Stratum, entity.Id))]);
    }

    /// <summary>A bundle ready to verify: its round's state, a receipt per event, and its entities as the pool's members.</summary>
    public sealed record FoldedBundle(EvidenceBundle Bundle, TaskDraw State, IReadOnlyList<DrawEventReceipt> Receipts, IReadOnlyList<EntityMember> Members)
    {
        /// <summary>The recomputation alone: the pool's layout from the members, then every check of `verify-draw`.</summary>
        public DrawReport Verify() => DrawVerification.Verify(
            State, Bundle.Round, RebuiltPools.WithRecorded(State.RoundNumber(Bundle.Round), EntityPoolBuilder.From(Members)), Receipts, Bundle.LedgerKey);
    }

    private static JsonSerializerOptions CreateLedger()
    {
        var options = new JsonSerializerOptions();
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        return options;
    }
}
