using System.Globalization;

namespace FairDraw.Benchmarks;

/// <summary>
/// CPU time the whole machine has spent busy since boot (every process, every core: this process, PostgreSQL's backends
/// and its short-lived parallel workers alike), from the first line of /proc/stat. The difference over a step, divided
/// by its wall time, is how many of the machine's cores the step kept busy.
/// </summary>
internal static class MachineCpu
{
    public static TimeSpan Busy()
    {
        // "cpu  user nice system idle iowait irq softirq steal …", in USER_HZ ticks (100 per second).
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = new[] { 1, 2, 3, 6, 7 }.Sum(field => long.Parse(fields[field], CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
