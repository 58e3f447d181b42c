using System.Diagnostics;
using FairDraw.Api.Draws;
using FairDraw.Ledger.Draws;

namespace FairDraw.Benchmarks;

/// <summary>
/// The .NET draw verification (<see cref="DrawVerification.Verify"/>, what `verify-draw` runs after its database reads)
/// on an evidence bundle, with no database and no host (<see cref="EvidenceVerification"/>). For comparing with
/// `node verifier/draw-verifier.mjs` on the same file. Prints the first (cold, JIT included) run and then warm runs.
/// </summary>
public static class BundleVerifyBenchmark
{
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
            var report = bundle.Verify(bundle.Bundle.LedgerKey);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            passed &= report.Passed;
            Console.WriteLine($"{(run == 0 ? "cold run (JIT included)" : $"warm run {run}")}: {elapsed:N0} ms, {(report.Passed ? "verified" : $"FAILED: {report.FirstFailure}")}");
        }

        return passed ? 0 : 1;
    }

    /// <summary>The bundle read and its round folded from the receipts' canonical records: what the recomputation starts from.</summary>
    public static EvidenceVerification Read(string file) => EvidenceVerification.Read(File.ReadAllBytes(file));
}
