using NodaTime;
using NodaTime.Text;

namespace FairDraw.Ledger.Draws;

/// <summary>
/// A future randomness source as an operator names it: a drand round of a known chain, or a national lottery draw on
/// a date. <see cref="FutureSources.Resolve"/> turns it into the committed <see cref="CommittedSource"/> with the
/// reference text and the instant it resolves.
/// </summary>
public sealed record SourceInput(string? Label, string? Kind, string? Chain, long? Round, string? Game, LocalDate? DrawDate, string? Issue);

public static class FutureSources
{
    /// <summary>Every source must resolve at least this long after the commitment, so it can be published first.</summary>
    public static readonly Duration MinimumLead = Duration.FromHours(24);

    /// <summary>Lotteries are drawn in the evening, Beijing time; values are taken as resolved from 21:30 (+08:00) of the draw day.</summary>
    public static readonly LocalTime LotteryResolvesAt = new(21, 30);

    /// <summary>The committed form of source <paramref name="index"/> of a commitment made at <paramref name="now"/>; only registered sources.</summary>
    public static CommittedSource Resolve(SourceInput? input, int index, Instant now)
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
                var chain = SourceRegistry.Chain(input.Chain)
                    ?? throw DomainException.Invalid($"{field}.chain", $"drand链应为已登记的{Names(SourceRegistry.DrandChains.Select(c => c.Name))}之一（名称或链哈希） / the drand chain must be a registered one ({Names(SourceRegistry.DrandChains.Select(c => c.Name))}), by name or chain hash");
                var round = input.Round is { } r && r > 0 ? r : throw DomainException.Invalid($"{field}.round", "drand轮次应为正整数 / the drand round is a positive integer");
                if (chain.Genesis > now)
                {
                    // A chain that has not started cannot be shown to the public as the one whose round will decide.
                    throw DomainException.Invalid($"{field}.chain", $"drand链{chain.Name}于{chain.Genesis}才启动，承诺时尚不存在 / the drand chain {chain.Name} starts at {chain.Genesis}, after this commitment");
                }

                return new CommittedSource(label, RandomnessSource.Drand, $"drand {chain.Name} {chain.Hash} round {round}", RandomnessSource.DrandEncoding, chain.RoundTime(round));
            case RandomnessSource.Lottery:
                var game = SourceRegistry.Game(input.Game)
                    ?? throw DomainException.Invalid($"{field}.game", $"彩票应为已登记的全国性彩票{Names(SourceRegistry.LotteryGames.Select(g => g.Name))}之一 / the game must be a registered national lottery: {Names(SourceRegistry.LotteryGames.Select(g => g.Name))}");
                var date = input.DrawDate ?? throw DomainException.Invalid($"{field}.drawDate", "需给出开奖日期 / the draw date is required");
                if (!game.DrawsOn(date))
                {
                    throw DomainException.Invalid($"{field}.drawDate", $"{game.Name}在{date.DayOfWeek}不开奖 / {game.Name} does not draw on a {date.DayOfWeek}");
                }

                var issue = Issue(game, date, input.Issue, $"{field}.issue");
                return new CommittedSource(
                    label,
                    RandomnessSource.Lottery,
                    $"{game.Name} {LocalDatePattern.Iso.Format(date)} 第{issue}期",
                    RandomnessSource.LotteryEncoding,
                    date.At(LotteryResolvesAt).WithOffset(BeijingTime.Offset).ToInstant());
            default:
                throw DomainException.Invalid($"{field}.kind", $"随机源类型应为drand或lottery，实际为“{input.Kind}” / a source kind is 'drand' or 'lottery', got '{input.Kind}'");
        }
    }

    /// <summary>
    /// The issue number in the game's form (year, then a 3-digit sequence) for a draw on <paramref name="date"/>: the
    /// date's year, and a sequence the game's schedule allows by that date (<see cref="SourceRegistry.LongestSuspension"/>).
    /// </summary>
    private static string Issue(LotteryGame game, LocalDate date, string? text, string field)
    {
        var issue = text?.Trim() ?? "";
        var form = new string('Y', game.YearDigits) + "NNN";
        if (issue.Length != form.Length || !issue.All(char.IsAsciiDigit))
        {
            throw DomainException.Invalid(field, $"{game.Name}的期号形如{form}，实际为“{issue}” / {game.Name}'s issue has the form {form}, got '{issue}'");
        }

        var year = int.Parse(issue[..game.YearDigits], System.Globalization.CultureInfo.InvariantCulture);
        var sequence = int.Parse(issue[game.YearDigits..], System.Globalization.CultureInfo.InvariantCulture);
        var latest = game.ScheduledThrough(date);
        var window = date.Minus(SourceRegistry.LongestSuspension);
        var earliest = window.Year == date.Year ? Math.Max(1, game.ScheduledThrough(window)) : 1;
        if (year != (game.YearDigits == 4 ? date.Year : date.Year % 100) || sequence < earliest || sequence > latest)
        {
            throw DomainException.Invalid(field, $"{game.Name}于{LocalDatePattern.Iso.Format(date)}开奖的期号应在{date.Year}年第{earliest}至{latest}期之间，实际为{issue} / {game.Name}'s draw on {LocalDatePattern.Iso.Format(date)} is issue {earliest} to {latest} of {date.Year}, not {issue}");
        }

        return issue;
    }

    private static string Names(IEnumerable<string> names) => string.Join("、", names);
}
