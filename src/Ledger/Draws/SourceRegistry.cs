using System.Globalization;
using System.Reflection;
using System.Text.Json;
using NodaTime;

namespace FairDraw.Ledger.Draws;

/// <summary>
/// A drand chain: its hash, public key (hex), scheme, genesis time and period (round r is published at genesis +
/// (r − 1) × period). The scheme fixes the signature's group and length and whether a round signs over the previous
/// round's signature (docs/draw-protocol.md §6).
/// </summary>
public sealed record DrandChain(string Name, string Hash, string PublicKey, string Scheme, Instant Genesis, Duration Period)
{
    public const string Chained = "pedersen-bls-chained";
    public const string UnchainedOnG1 = "bls-unchained-g1-rfc9380";

    public Instant RoundTime(long round) => Genesis + (Period * (round - 1));

    /// <summary>Whether a round's message includes the previous round's signature.</summary>
    public bool IsChained => Scheme == Chained;

    /// <summary>A signature's length in bytes: a compressed G2 point (96) for the chained scheme, a G1 point (48) on G1.</summary>
    public int SignatureBytes => Scheme switch
    {
        Chained => 96,
        UnchainedOnG1 => 48,
        _ => throw new InvalidOperationException($"drand scheme {Scheme} is not supported"),
    };
}

/// <summary>One group of a lottery result: how many numbers, their range, and whether they are drawn without repeats.</summary>
public sealed record NumberGroup(string Name, int Count, int Min, int Max, bool Distinct);

/// <summary>
/// A national lottery game: its operator, draw days and time (Beijing time), the issue number's form (year as
/// <see cref="YearDigits"/> digits, then a 3-digit sequence that restarts each year) and the result's groups in the
/// order the official announcement lists them. <see cref="Ordered"/> records whether positions matter to the game; the
/// committed value is canonicalised by docs/draw-protocol.md §6 either way.
/// </summary>
public sealed record LotteryGame(
    string Name,
    string Operator,
    IReadOnlyList<IsoDayOfWeek> Days,
    LocalTime DrawTime,
    int YearDigits,
    IReadOnlyList<NumberGroup> Groups,
    bool Ordered,
    bool DistinctAcrossGroups = false)
{
    public bool DrawsOn(LocalDate date) => Days.Contains(date.DayOfWeek);

    /// <summary>How many scheduled draws fall between 1 January and <paramref name="date"/> of its year, both included.</summary>
    public int ScheduledThrough(LocalDate date)
    {
        var count = 0;
        for (var day = new LocalDate(date.Year, 1, 1); day <= date; day = day.PlusDays(1))
        {
            count += DrawsOn(day) ? 1 : 0;
        }

        return count;
    }

    /// <summary>Checks a result, listed group by group as the official announcement does, has the game's form.</summary>
    public void RequireForm(IReadOnlyList<int> numbers, string field)
    {
        var expected = Groups.Sum(group => group.Count);
        if (numbers.Count != expected)
        {
            throw DomainException.Invalid(field, $"{Name}开奖号码应为{expected}个，实际为{numbers.Count}个 / {Name} draws {expected} numbers, got {numbers.Count}");
        }

        var at = 0;
        foreach (var group in Groups)
        {
            var drawn = numbers.Skip(at).Take(group.Count).ToList();
            at += group.Count;
            if (drawn.Any(number => number < group.Min || number > group.Max) || (group.Distinct && drawn.Distinct().Count() != drawn.Count))
            {
                throw DomainException.Invalid(field, $"{Name}的{group.Name}应为{group.Count}个{group.Min}至{group.Max}的{(group.Distinct ? "不重复" : "")}号码 / {Name}'s {group.Name} are {group.Count}{(group.Distinct ? " distinct" : "")} numbers from {group.Min} to {group.Max}");
            }
        }

        if (DistinctAcrossGroups && numbers.Distinct().Count() != numbers.Count)
        {
            throw DomainException.Invalid(field, $"{Name}的开奖号码互不重复 / {Name}'s numbers are all distinct");
        }
    }
}

/// <summary>
/// The randomness sources a commitment may name (docs/draw-protocol.md §13, "Registered sources", cites where each
/// value comes from): the League of Entropy drand chains and the national lottery games.
/// </summary>
public static class SourceRegistry
{
    private static readonly IsoDayOfWeek[] Daily =
    [
        IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday,
        IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday,
    ];

    /// <summary>The chains of verifier/drand-chains.json, the one table the JavaScript verifier reads too.</summary>
    public static readonly IReadOnlyList<DrandChain> DrandChains = ReadChains();

    public static readonly IReadOnlyList<LotteryGame> LotteryGames =
    [
        new("双色球", Welfare, [IsoDayOfWeek.Tuesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Sunday], new(21, 15), 4,
            [new("红球 / red", 6, 1, 33, true), new("蓝球 / blue", 1, 1, 16, true)], Ordered: false),
        new("福彩3D", Welfare, Daily, new(21, 15), 4, [new("百十个位 / digits", 3, 0, 9, false)], Ordered: true),
        new("七乐彩", Welfare, [IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Friday], new(21, 15), 4,
            [new("基本号 / basic", 7, 1, 30, true), new("特别号 / special", 1, 1, 30, true)], Ordered: false, DistinctAcrossGroups: true),
        new("快乐8", Welfare, Daily, new(21, 30), 4, [new("开奖号 / drawn", 20, 1, 80, true)], Ordered: false),
        new("大乐透", Sports, [IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Saturday], new(21, 25), 2,
            [new("前区 / front", 5, 1, 35, true), new("后区 / back", 2, 1, 12, true)], Ordered: false),
        new("排列三", Sports, Daily, new(21, 25), 2, [new("百十个位 / digits", 3, 0, 9, false)], Ordered: true),
        new("排列五", Sports, Daily, new(21, 25), 2, [new("万千百十个位 / digits", 5, 0, 9, false)], Ordered: true),
        new("七星彩", Sports, [IsoDayOfWeek.Tuesday, IsoDayOfWeek.Friday, IsoDayOfWeek.Sunday], new(21, 25), 2,
            [new("前六位 / first six", 6, 0, 9, false), new("末位 / last", 1, 0, 14, false)], Ordered: true),
    ];

    /// <summary>
    /// The longest yearly suspension (the Spring Festival break) an issue number may lag the schedule by: issue numbers
    /// count draws actually held, so a date's issue lies between the draws scheduled through it less this window's, and
    /// the draws scheduled through it.
    /// </summary>
    public static readonly Period LongestSuspension = Period.FromDays(15);

    private const string Welfare = "中国福利彩票 / China Welfare Lottery";

    private const string Sports = "中国体育彩票 / China Sports Lottery";

    /// <summary>A chain by its name or its chain hash; null when none is registered.</summary>
    public static DrandChain? Chain(string? nameOrHash) =>
        DrandChains.FirstOrDefault(chain => chain.Name == nameOrHash || chain.Hash == nameOrHash?.ToLowerInvariant());

    public static LotteryGame? Game(string? name) => LotteryGames.FirstOrDefault(game => game.Name == name);

    /// <summary>The registered game a committed lottery reference (<c>&lt;game&gt; &lt;date&gt; 第&lt;issue&gt;期</c>) names; null for one committed before the registry.</summary>
    public static LotteryGame? GameOfReference(string reference) =>
        LotteryGames.FirstOrDefault(game => reference.StartsWith(game.Name + " ", StringComparison.Ordinal));

    /// <summary>The chain and round a committed drand reference (<c>drand &lt;name&gt; &lt;hash&gt; round &lt;r&gt;</c>) names; null when it names none registered.</summary>
    public static (DrandChain Chain, long Round)? DrandOfReference(string reference)
    {
        var parts = reference.Split(' ');
        return parts is ["drand", var name, var hash, "round", var round]
            && Chain(hash) is { } chain && chain.Name == name
            && long.TryParse(round, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? (chain, number)
            : null;
    }

    private static DrandChain[] ReadChains()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("drand-chains.json")
            ?? throw new InvalidOperationException("drand-chains.json is not embedded");
        using var document = JsonDocument.Parse(stream);
        return [.. document.RootElement.GetProperty("chains").EnumerateArray().Select(chain => new DrandChain(
            chain.GetProperty("name").GetString()!,
            chain.GetProperty("hash").GetString()!,
            chain.GetProperty("publicKey").GetString()!,
            chain.GetProperty("scheme").GetString()!,
            Instant.FromUnixTimeSeconds(chain.GetProperty("genesis").GetInt64()),
            Duration.FromSeconds(chain.GetProperty("period").GetInt64())))];
    }
}
