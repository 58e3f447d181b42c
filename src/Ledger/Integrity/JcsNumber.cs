using System.Globalization;
using System.Text;

namespace FairDraw.Ledger.Integrity;

/// <summary>
/// RFC 8785 section 3.2.2.3: a number is read as the nearest IEEE-754 double and written as ECMAScript's
/// Number.prototype.toString writes it (ECMA-262 Number::toString, radix 10): the shortest digits that round-trip,
/// plain notation for decimal exponents −6 ≤ n &lt; 21, otherwise "d.ddde±n"; −0 is written "0".
/// </summary>
internal static class JcsNumber
{
    /// <summary>±(2^53 − 1), the largest integers a double (and every JavaScript reader) holds exactly.</summary>
    public const long MaxSafeInteger = 9_007_199_254_740_991;

    public static string Canonical(ReadOnlySpan<byte> literal, JcsNumberRule rule)
    {
        if (rule == JcsNumberRule.SafeIntegerOnly)
        {
            return SafeInteger(literal);
        }

        var value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            throw new JcsException($"the number {Encoding.ASCII.GetString(literal)} is not a finite IEEE-754 double");
        }

        return Format(value);
    }

    /// <summary>ECMAScript Number::toString for a finite double.</summary>
    public static string Format(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        // .NET's "R" is the shortest round-tripping form; take its significant digits and decimal exponent from it.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var (digits, exponent) = Decompose(shortest);
        var sign = value < 0 ? "-" : string.Empty;
        var k = digits.Length;
        var n = exponent; // value = 0.digits × 10^n, as ECMA-262 states it
        if (k <= n && n <= 21)
        {
            return sign + digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return sign + digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return sign + "0." + new string('0', -n) + digits;
        }

        var mantissa = k == 1 ? digits : digits[..1] + "." + digits[1..];
        var power = n - 1;
        return sign + mantissa + "e" + (power < 0 ? "-" : "+") + Math.Abs(power).ToString(CultureInfo.InvariantCulture);
    }

    private static (string Digits, int Exponent) Decompose(string shortest)
    {
        var e = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var power = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = point < 0 ? mantissa.Length : point;
        var allDigits = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        var leadingZeros = allDigits.Length - allDigits.TrimStart('0').Length;
        var digits = allDigits.Trim('0');
        return (digits, integerDigits - leadingZeros + power);
    }

    private static string SafeInteger(ReadOnlySpan<byte> literal)
    {
        var text = Encoding.ASCII.GetString(literal);
        var body = text.StartsWith('-') ? text[1..] : text;
        var plain = body.Length > 0 && body.All(char.IsAsciiDigit);
        if (!plain || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || value is > MaxSafeInteger or < -MaxSafeInteger)
        {
            throw new JcsException(
                $"the number {text} is not an integer within ±(2^53−1); the ledger payload profile carries decimals as strings");
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }
}
