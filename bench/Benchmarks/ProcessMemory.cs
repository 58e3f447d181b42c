using System.Globalization;

namespace FairDraw.Benchmarks;

/// <summary>
/// This process's memory counters from /proc. A minor page fault is the first touch of a page the process was given;
/// each costs CPU time (docs/performance.md, import), so memory a step allocates afresh instead of reusing shows up as
/// CPU time.
/// </summary>
internal static class ProcessMemory
{
    /// <summary>Minor page faults so far (the 10th field of /proc/self/stat).</summary>
    public static long MinorFaults() => long.Parse(StatFields("/proc/self/stat")[7], CultureInfo.InvariantCulture);

    /// <summary>The fields of a /proc/[pid]/stat file after the command's closing parenthesis (the state is the first).</summary>
    public static string[] StatFields(string statPath)
    {
        var stat = File.ReadAllText(statPath);
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    /// <summary>Peak resident memory (VmHWM in /proc/self/status), as the kernel writes it ("2005236 kB").</summary>
    public static string PeakResident() => Status("VmHWM:");

    /// <summary>Resident memory now (VmRSS) and its peak since <see cref="ResetPeak"/> (VmHWM), in bytes.</summary>
    public static (long Now, long Peak) ResidentBytes() => (Kilobytes(Status("VmRSS:")) * 1024, Kilobytes(Status("VmHWM:")) * 1024);

    /// <summary>Starts a new peak: VmHWM falls back to what is resident now (writing 5 to /proc/self/clear_refs).</summary>
    public static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");

    private static string Status(string field) =>
        File.ReadLines("/proc/self/status").First(line => line.StartsWith(field, StringComparison.Ordinal))[field.Length..].Trim();

    private static long Kilobytes(string value) => long.Parse(value.Split(' ')[0], CultureInfo.InvariantCulture);
}

/// <summary>
/// The growth of this process's memory over a stretch of work, against what it held when the stretch began (after a full
/// collection): the resident peak from the kernel, and the managed heap's peak sampled every 10 ms.
/// </summary>
internal sealed class MemoryGrowth : IDisposable
{
    private readonly long residentBefore;
    private readonly long heapBefore;
    private readonly Timer sampler;
    private long heapPeak;

    public MemoryGrowth()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true); // gives back what earlier steps held
        ProcessMemory.ResetPeak();
        residentBefore = ProcessMemory.ResidentBytes().Now;
        heapBefore = heapPeak = GC.GetTotalMemory(false);
        sampler = new Timer(_ => Interlocked.Exchange(ref heapPeak, Math.Max(Interlocked.Read(ref heapPeak), GC.GetTotalMemory(false))), null, 0, 10);
    }

    /// <summary>Peak resident growth and peak managed-heap growth, in bytes.</summary>
    public (long Resident, long Heap) Peak => (ProcessMemory.ResidentBytes().Peak - residentBefore, Interlocked.Read(ref heapPeak) - heapBefore);

    public void Dispose() => sampler.Dispose();
}
