using NodaTime;
using NodaTime.Text;

namespace FairDraw.Ledger.Draws;

/// <summary>
/// A future randomness source as an operator names it: a drand round of a known chain, or a national lottery draw on
/// a date. <see cref="FutureSources.Resolve"/> turns it into the committed <see cref="CommittedSource"/> with the
/// reference text and the instant it resolves.
/// </summary>
public sealed record SourceInput(string? Label, string? Kind, string? Chain, long? Round, string? Game, LocalDate? DrawDate, string? Issue);

/// <summary>A drand chain: its hash, genesis time and period (round r is published at genesis + (r − 1) × period).</summary>
public sealed record DrandChain(string Name, string Hash, Instant Genesis, Duration Period)
{
    public Instant RoundTime(long round) => Genesis + (Period * (round - 1));
}

public static class FutureSources
{
    /// <summary>Every source must resolve at least this long after the commitment, so it can be published first.</summary>
    public static readonly Duration MinimumLead = Duration.FromHours(24);

    /// <summary>The public drand chains (League of Entropy), by the names operators use.</summary>
    public static readonly IReadOnlyList<DrandChain> DrandChains =
    [
        new("quicknet", "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971", Instant.FromUnixTimeSeconds(1692803367), Duration.FromSeconds(3)),
        new("default", "8990e7a9aaed2ffed73dbd7092123d6f289930540d7651336225dc172e51b2ce", Instant.FromUnixTimeSeconds(1595431050), Duration.FromSeconds(30)),
    ];

    /// <summary>Lotteries are drawn in the evening, Beijing time; values are taken as resolved from 21:30 (+08:00) of the draw day.</summary>
    public static readonly LocalTime LotteryResolvesAt = new(21, 30);

    public static CommittedSource Resolve(SourceInput? input, int index)
    {
        var field = $"sources[{index}]";
        if (input is null)
        {
            throw DomainException.Invalid(field, "来源不能为空 / a source cannot be null");
        }

        var label = Text.Required(input.Label, $"{field}.label", 64);
        switch (input.Kind)
        {
            case RandomnessSource.Drand:
                var chain = DrandChains.FirstOrDefault(chain => chain.Name == input.Chain)
                    ?? throw DomainException.Invalid($"{field}.chain", $"drand链应为{string.Join("、", DrandChains.Select(c => c.Name))}之一 / the drand chain must be one of {string.Join(", ", DrandChains.Select(c => c.Name))}");
                var round = input.Round is { } r && r > 0 ? r : throw DomainException.Invalid($"{field}.round", "drand轮次应为正整数 / the drand round is a positive integer");
                return new CommittedSource(label, RandomnessSource.Drand, $"drand {chain.Name} {chain.Hash} round {round}", RandomnessSource.DrandEncoding, chain.RoundTime(round));
            case RandomnessSource.Lottery:
                var game = Text.Required(input.Game, $"{field}.game", 64);
                var date = input.DrawDate ?? throw DomainException.Invalid($"{field}.drawDate", "需给出开奖日期 / the draw date is required");
                var issue = Text.Required(input.Issue, $"{field}.issue", 32);
                return new CommittedSource(
                    label,
                    RandomnessSource.Lottery,
                    $"{game} {LocalDatePattern.Iso.Format(date)} 第{issue}期",
                    RandomnessSource.LotteryEncoding,
                    date.At(LotteryResolvesAt).WithOffset(BeijingTime.Offset).ToInstant());
            default:
                throw DomainException.Invalid($"{field}.kind", $"随机源类型应为drand或lottery，实际为“{input.Kind}” / a source kind is 'drand' or 'lottery', got '{input.Kind}'");
        }
    }
}
