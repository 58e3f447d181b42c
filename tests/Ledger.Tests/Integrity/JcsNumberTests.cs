using System.Globalization;
using System.Text;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Tests.Integrity;

public sealed class JcsNumberTests
{
    public static TheoryData<string, string> Es6Vectors()
    {
        var rows = new TheoryData<string, string>();
        foreach (var line in JcsNumberVectors.Lines.Split('\n'))
        {
            var (bits, expected) = (line[..line.IndexOf(',')], line[(line.IndexOf(',') + 1)..]);
            rows.Add(bits, expected);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Es6Vectors))]
    public void Doubles_are_written_as_ECMAScript_writes_them(string ieeeBits, string expected)
    {
        // The double travels as its shortest round-trip literal, so this checks parsing and formatting together.
        var value = BitConverter.Int64BitsToDouble(long.Parse(ieeeBits, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        var literal = value.ToString("R", CultureInfo.InvariantCulture);
        Assert.Equal(expected, Canonical(literal));
    }

    [Theory]
    // ECMA-262 Number::toString: exponent form from 10^21 up (RFC 8785 section 3.2.2.3 defers to it).
    [InlineData("1e21", "1e+21")]
    [InlineData("1e20", "100000000000000000000")]
    // ... and below 10^-6.
    [InlineData("1e-7", "1e-7")]
    [InlineData("1e-6", "0.000001")]
    // RFC 8785 section 3.2.2.3: minus zero is serialized as 0.
    [InlineData("-0", "0")]
    [InlineData("-0.0e5", "0")]
    // The smallest subnormal and the largest finite double (es6testfile lines 3 and 149: Number.MIN_VALUE, MAX_VALUE).
    [InlineData("5e-324", "5e-324")]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e+308")]
    [InlineData("0.1", "0.1")]
    // 2^53 + 1 has no double; the nearest (ties-to-even) is 2^53, which is what gets written.
    [InlineData("9007199254740993", "9007199254740992")]
    // cyberphone testdata/input/values.json, its numbers one by one (output/values.json).
    [InlineData("333333333.33333329", "333333333.3333333")]
    [InlineData("1E30", "1e+30")]
    [InlineData("4.50", "4.5")]
    [InlineData("2e-3", "0.002")]
    [InlineData("0.000000000000000000000000001", "1e-27")]
    public void Number_literals_canonicalize_per_RFC_8785(string literal, string expected) =>
        Assert.Equal(expected, Canonical(literal));

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e309")]
    public void Numbers_beyond_the_double_range_are_rejected(string literal)
    {
        var failure = Assert.Throws<JcsException>(() => Jcs.Canonicalize(Encoding.ASCII.GetBytes(literal)));
        Assert.Contains("not a finite IEEE-754 double", failure.Message);
    }

    private static string Canonical(string literal) => Encoding.UTF8.GetString(Jcs.Canonicalize(Encoding.ASCII.GetBytes(literal)));
}
