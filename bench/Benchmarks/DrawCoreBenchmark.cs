using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Entities;

namespace FairDraw.Benchmarks;

/// <summary>
/// The pure DRAW-v1 core in memory, no database: freeze a synthetic entity pool, commit, derive the seed, execute the
/// selection, and match inspectors to a separate set of selected objects. Prints each step's time and allocations, and
/// fingerprints of the outputs so two builds can be compared byte for byte.
/// </summary>
public static class DrawCoreBenchmark
{
    private static readonly string[] Units = [.. Enumerable.Range(1, 25).Select(unit => $"贵阳市市场监管局第{unit:D2}执法大队")];
    private static readonly string[] Tags = ["food", "special-equipment", "pricing", "advertising"];

    public static void Run(int entityCount, int objectCount, int inspectorCount)
    {
        if (File.Exists("/proc/loadavg"))
        {
            // The cores may be shared: a load average well above 0 before the run means other processes competed for them.
            Console.WriteLine($"1-minute load average before the run: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        }

        // Warm-up, so that the figures are those of a process that has run the code before (as the API will have):
        // small runs until the JIT has compiled every path at full optimisation, then a pause for background tiering.
        for (var run = 0; run < 5; run++)
        {
            Execute(20_000, 200, 50, print: false);
        }

        Thread.Sleep(1_000);
        Execute(entityCount, objectCount, inspectorCount, print: true);
    }

    private static void Execute(int entityCount, int objectCount, int inspectorCount, bool print)
    {
        var steps = new List<(string Step, double Milliseconds, double CpuMilliseconds, long Bytes)>();
        T Measure<T>(string step, Func<T> work)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Environment.CpuUsage.TotalTime;
            var clock = Stopwatch.StartNew();
            var result = work();
            var milliseconds = clock.Elapsed.TotalMilliseconds;
            var cpuMilliseconds = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
            steps.Add((step, milliseconds, cpuMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - allocated));
            return result;
        }

        var members = Measure("build entity members (input, not timed in freeze)", () => Entities(entityCount));
        var inspectorMembers = Inspectors(inspectorCount);
        var conflictPairs = Conflicts(members, inspectorMembers);
        var pool = Measure("freeze entity pool (leaves + sort + Merkle root)", () =>
        {
            var frozen = EntityPool.Freeze(members);
            _ = frozen.Root; // computed when first read
            return frozen;
        });
        var (inspectors, conflicts) = Measure(
            "freeze inspector and conflict pools", () => (InspectorPool.Freeze(inspectorMembers), ConflictPool.Freeze(conflictPairs)));
        var rules = new DrawRules(
            [new("A", new(3, 100)), new("B", new(3, 100)), new("C", new(3, 100), "food"), new("D", new(3, 100), "special-equipment")],
            inspectorsPerEntity: 2,
            capacityCap: 60);
        RandomnessSource[] sources =
        [
            new("drand-quicknet-round", RandomnessSource.Drand, "quicknet 52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971 round 24000000", RandomnessSource.DrandEncoding),
            new("fucai-3d", RandomnessSource.Lottery, "中国福利彩票 福彩3D 2026-11-28", RandomnessSource.LotteryEncoding),
        ];
        var commitment = Measure("commitment", () => DrawCommitment.Create(
            "BENCH-DRAW-CORE", pool, inspectors, conflicts, rules, sources,
            "If a source has not resolved 72 hours after its announced time, this commitment lapses unexecuted."));
        var seed = Measure("seed (randomness record + HKDF-Extract)", () => DrawSeed.Derive(
            commitment,
            RandomnessRecord.Create(commitment, [SourceValue.Drand("drand-quicknet-round", new string('a', 96)), SourceValue.Lottery("fucai-3d", [7, 2, 7])])));
        var selection = Measure("execute (tickets + rank + select + selection root)", () => EntitySelection.Draw(seed, pool, rules));

        // Matching runs on its own set of objects: every k-th selected entity, so every stratum (and its expertise rule) is in it.
        var stride = Math.Max(1, selection.Selected.Count / objectCount);
        List<RankedEntity> objects = [.. selection.Selected.Where((_, i) => i % stride == 0).Take(objectCount)];
        var transcript = Measure(
            $"inspector matching ({objects.Count:N0} objects × {inspectors.Count:N0} inspectors)",
            () => InspectorMatching.Match(seed, objects, inspectors, conflicts, rules));
        if (!print)
        {
            return;
        }

        Console.WriteLine($"| entities | {pool.Count:N0} in strata {string.Join(", ", pool.Strata.Select(s => $"{s.Stratum} {s.Count:N0}"))} |");
        Console.WriteLine($"| inspectors / units / conflicts | {inspectors.Count:N0} / {Units.Length} / {conflicts.Count:N0} |");
        Console.WriteLine($"| selected | {selection.Selected.Count:N0}; matched objects {transcript.Entities.Count:N0}, infeasible {transcript.Infeasible.Count:N0} |");
        Console.WriteLine();
        // CPU time is summed over every thread of the process, so CPU above wall time means the step used several cores.
        Console.WriteLine("| step | wall ms | CPU ms | allocated MB |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (step, milliseconds, cpuMilliseconds, bytes) in steps)
        {
            Console.WriteLine($"| {step} | {milliseconds:N0} | {cpuMilliseconds:N0} | {bytes / 1048576.0:N1} |");
        }

        Console.WriteLine();
        Console.WriteLine($"entity pool root   {Convert.ToHexStringLower(pool.Root)}");
        Console.WriteLine($"commit hash        {Convert.ToHexStringLower(commitment.CommitHash)}");
        Console.WriteLine($"selection root     {Convert.ToHexStringLower(selection.Root)}");
        Console.WriteLine($"rankings digest    {Convert.ToHexStringLower(Digest(selection.Strata.SelectMany(s => s.Ranked).Select(e => $"{e.Stratum} {e.Id} {e.Rank} {Convert.ToHexStringLower(e.Ticket)}")))}");
        Console.WriteLine($"transcript digest  {Convert.ToHexStringLower(Digest(transcript.Entities.SelectMany(e => e.Candidates.Select(c => $"{e.EntityId} {c.InspectorId} {Convert.ToHexStringLower(c.Ticket)} {c.Decision}"))))}");
    }

    /// <summary>USCC-valid ids (check character included), distinct by construction, in four strata of uneven size.</summary>
    private static List<EntityMember> Entities(int count)
    {
        const long Space = 852_891_037_441; // 31^8 organisation bodies; the multiplier is coprime to 31, so i ↦ body is one-to-one
        var body = new char[8];
        var members = new List<EntityMember>(count);
        for (var i = 0; i < count; i++)
        {
            var n = ((i * 2_654_435_761L) + 97) % Space;
            for (var k = 7; k >= 0; k--, n /= 31)
            {
                body[k] = Uscc.Alphabet[(int)(n % 31)];
            }

            var stratum = (i % 20) switch { < 10 => "A", < 16 => "B", < 19 => "C", _ => "D" };
            members.Add(new EntityMember(stratum, Uscc.Complete("91520102" + new string(body)).Value));
        }

        return members;
    }

    private static List<InspectorMember> Inspectors(int count)
    {
        var random = new Random(20261128);
        return [.. Enumerable.Range(0, count).Select(i => new InspectorMember(
            $"GY-{i:D4}",
            Units[i % Units.Length],
            Tags.Where(_ => random.Next(2) == 0),
            capacity: 40 + random.Next(60),
            active: random.Next(20) != 0))];
    }

    private static List<ConflictPair> Conflicts(IReadOnlyList<EntityMember> entities, IReadOnlyList<InspectorMember> inspectors)
    {
        var random = new Random(20261129);
        return [.. Enumerable.Range(0, Math.Min(2_000, entities.Count))
            .Select(_ => new ConflictPair(inspectors[random.Next(inspectors.Count)].Id, entities[random.Next(entities.Count)].Id))
            .DistinctBy(pair => (pair.InspectorId, pair.EntityId))];
    }

    private static byte[] Digest(IEnumerable<string> lines)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var line in lines)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(line + "\n"));
        }

        return hash.GetHashAndReset();
    }
}
