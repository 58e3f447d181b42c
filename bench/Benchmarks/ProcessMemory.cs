using System.Globalization;

namespace FairDraw.Benchmarks;

/// <summary>
/// This process's memory counters from /proc. A minor page fault is the first touch of a page the process was given;
/// on this VM each costs ~15 µs of CPU (measured: touching 1 GiB of fresh memory takes ~4 s), so memory a step
/// allocates afresh instead of reusing shows up as CPU time.
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
    public static string PeakResident() =>
        File.ReadLines("/proc/self/status").First(line => line.StartsWith("VmHWM:", StringComparison.Ordinal))["VmHWM:".Length..].Trim();
}
