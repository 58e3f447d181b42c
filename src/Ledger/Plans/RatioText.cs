using FairDraw.Ledger.Draws;

namespace FairDraw.Ledger.Plans;

/// <summary>
/// Reads a sampling ratio written as an exact fraction in its one shortest form, "numerator/denominator" in ASCII digits
/// without sign, spaces or leading zeros (e.g. "3/100"; docs/draw-protocol.md §4), so a ratio has one spelling.
/// </summary>
public static class RatioText
{
    /// <summary>Parses <paramref name="text"/> into a <see cref="SamplingRatio"/> (0 &lt; ratio ≤ 1); errors name <paramref name="field"/>.</summary>
    public static SamplingRatio Parse(string? text, string field)
    {
        var given = text ?? "";
        var parts = given.Split('/');
        if (parts is [var numerator, var denominator] && IsNumber(numerator) && IsNumber(denominator))
        {
            var n = long.Parse(numerator, System.Globalization.CultureInfo.InvariantCulture);
            var d = long.Parse(denominator, System.Globalization.CultureInfo.InvariantCulture);
            if (n > 0 && d > 0 && n <= d)
            {
                return new SamplingRatio(n, d);
            }
        }

        throw DomainException.Invalid(
            field,
            $"抽查比例“{given}”应为0到1之间的分数，如“3/100”，不含符号、空格或前导零 / "
            + $"ratio '{given}' must be an exact fraction above 0 and at most 1, such as '3/100', without sign, spaces or leading zeros");
    }

    private static bool IsNumber(string text) => text.Length is >= 1 and <= 18 && text[0] != '0' && text.All(char.IsAsciiDigit);
}
