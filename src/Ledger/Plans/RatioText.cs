using FairDraw.Ledger.Draws;

namespace FairDraw.Ledger.Plans;

/// <summary>Reads a sampling ratio written as an exact fraction, "numerator/denominator" in ASCII digits (e.g. "3/100").</summary>
public static class RatioText
{
    /// <summary>Parses <paramref name="text"/> into a <see cref="SamplingRatio"/> (0 &lt; ratio ≤ 1); errors name <paramref name="field"/>.</summary>
    public static SamplingRatio Parse(string? text, string field)
    {
        var trimmed = text?.Trim() ?? "";
        var parts = trimmed.Split('/');
        if (parts is [var numerator, var denominator] && IsNumber(numerator) && IsNumber(denominator))
        {
            var n = long.Parse(numerator, System.Globalization.CultureInfo.InvariantCulture);
            var d = long.Parse(denominator, System.Globalization.CultureInfo.InvariantCulture);
            if (n > 0 && d > 0 && n <= d)
            {
                return new SamplingRatio(n, d);
            }
        }

        throw DomainException.Invalid(field, $"抽查比例“{trimmed}”应为0到1之间的分数，如“3/100” / ratio '{trimmed}' must be an exact fraction above 0 and at most 1, such as '3/100'");
    }

    private static bool IsNumber(string text) => text.Length is >= 1 and <= 18 && text.All(char.IsAsciiDigit);
}
