using System.Text;
using CsCheck;

namespace FairDraw.Api.Tests.Fuzzing;

/// <summary>
/// Text and JSON values a careless or hostile client sends: any UTF-16 code unit (lone surrogates too), control
/// characters, line and paragraph separators, bidirectional overrides, very long text, numbers past every range, and
/// nested arrays and objects.
/// </summary>
public static class FuzzText
{
    private static readonly string[] AwkwardPieces =
    [
        "\u0000", "\u0007", "\u001B[31m", "\t", "\n", "\r\n", "\u0085", "\u2028", "\u2029", "\u202E", "\u200E", "\u2066",
        "\u061C", "\uD800", "\uDC00", "\uFEFF", "\uFFFF", "𠀀", "\"", "\\", ",", ";", "；", " ", "\u3000", "'", "<img src=x>",
        "%00", "{", "]", "520102", "91520102MA6ACC01", "2021-13-45", "1/0", "-1", "NaN",
    ];

    /// <summary>One awkward piece of text.</summary>
    public static readonly Gen<string> Awkward = Gen.OneOf(AwkwardPieces);

    /// <summary>Any text, from empty to past every length limit (the longest is 1,000 characters).</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (6, Gen.Char[char.MinValue, char.MaxValue].Array[0, 12].Select(chars => new string(chars))),
        (6, Gen.String[0, 24]),
        (6, Awkward.Array[1, 3].Select(string.Concat)),
        (1, Gen.Int[33, 2_000].Select(length => new string('长', length))));

    /// <summary><paramref name="original"/> with an awkward piece put somewhere into it.</summary>
    public static Gen<string> Spoiled(string original) =>
        Gen.Select(Gen.Int[0, original.Length], Awkward, (at, piece) => original.Insert(at, piece));

    /// <summary>JSON number text, ordinary and past every range a member could have.</summary>
    public static readonly Gen<string> Number = Gen.Frequency(
        (3, Gen.Long.Select(value => value.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (2, Gen.Int[-3, 3].Select(value => value.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (2, Gen.OneOf("1e400", "-1e400", "1e-400", "123456789012345678901234567890", "-0", "0.5", "2147483648", "-2147483649",
            "9223372036854775808", "1E3", "0.1e1")));

    /// <summary>A JSON value of any kind, nested at most <paramref name="depth"/> deep.</summary>
    public static Gen<string> Value(int depth)
    {
        var scalar = Gen.Frequency(
            (4, Text.Select(Quote)),
            (2, Number),
            (1, Gen.OneOf("true", "false", "null")));
        if (depth <= 0)
        {
            return scalar;
        }

        var inner = Value(depth - 1);
        return Gen.Frequency(
            (5, scalar),
            (1, inner.Array[0, 4].Select(items => $"[{string.Join(',', items)}]")),
            (1, Gen.Select(Text, inner, (name, value) => $"{Quote(name)}:{value}").Array[0, 4].Select(members => $"{{{string.Join(',', members)}}}")));
    }

    /// <summary>
    /// A JSON string literal. Every control character, surrogate and non-ASCII character is escaped, so that lone
    /// surrogates reach the server as the escapes a client would send (UTF-8 cannot carry them).
    /// </summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder("\"", text.Length + 2);
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' or > '~' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>All the generators' values in order: a fixed number of random parts makes one random whole.</summary>
    public static Gen<string[]> Each(IEnumerable<Gen<string>> parts) =>
        parts.Aggregate(Gen.Const(System.Collections.Immutable.ImmutableList<string>.Empty), (list, part) => list.SelectMany(done => part.Select(done.Add)))
            .Select(list => list.ToArray());
}
