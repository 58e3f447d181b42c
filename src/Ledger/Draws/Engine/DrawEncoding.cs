using System.Buffers.Binary;
using System.Text;

namespace FairDraw.Ledger.Draws.Engine;

/// <summary>
/// The DRAW-v1 length-prefixed encoding: enc(x) = u32be(byte length of x) || x; a string is encoded as its UTF-8 bytes
/// after Unicode normalization form C. Concatenations of enc(...) are unambiguous, which is what every leaf, the IKM and
/// every ticket info string rely on.
/// </summary>
public static class DrawEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Enc(ReadOnlySpan<byte> value)
    {
        var result = new byte[checked(4 + value.Length)];
        BinaryPrimitives.WriteUInt32BigEndian(result, (uint)value.Length);
        value.CopyTo(result.AsSpan(4));
        return result;
    }

    public static byte[] Enc(string value) => Enc(Utf8(value));

    /// <summary>enc(x_1) || enc(x_2) || … for strings.</summary>
    public static byte[] Enc(params IEnumerable<string> values) => Concat(values.Select(Enc));

    /// <summary>The NFC form of <paramref name="value"/>; a lone surrogate is an error, not a replacement character.</summary>
    public static string Nfc(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.IsNormalized(NormalizationForm.FormC) ? value : value.Normalize(NormalizationForm.FormC);
    }

    public static byte[] Utf8(string value) => StrictUtf8.GetBytes(Nfc(value));

    /// <summary>The string whose UTF-8 bytes are <paramref name="utf8"/>; invalid UTF-8 is a <see cref="DecoderFallbackException"/>.</summary>
    public static string Decode(ReadOnlySpan<byte> utf8) => StrictUtf8.GetString(utf8);

    /// <summary>
    /// enc(x_1) || enc(x_2) || … for strings already in NFC (the fields of members, which normalize when created), in one
    /// array of the exact size.
    /// </summary>
    internal static byte[] EncNfc(params ReadOnlySpan<string> values)
    {
        var length = 0;
        foreach (var value in values)
        {
            length = checked(length + 4 + StrictUtf8.GetByteCount(value));
        }

        var result = new byte[length];
        var written = 0;
        foreach (var value in values)
        {
            written += WriteNfc(result.AsSpan(written), value);
        }

        return result;
    }

    /// <summary>Writes enc(<paramref name="value"/>), a string already in NFC, at the start of <paramref name="destination"/>; returns its length.</summary>
    internal static int WriteNfc(Span<byte> destination, string value)
    {
        var length = StrictUtf8.GetBytes(value, destination[4..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)length);
        return 4 + length;
    }

    /// <summary>An upper bound of the length of enc(<paramref name="value"/>), without encoding it.</summary>
    internal static int MaxEncodedLength(string value) => 4 + StrictUtf8.GetMaxByteCount(value.Length);

    public static byte[] Concat(IEnumerable<byte[]> parts)
    {
        using var buffer = new MemoryStream();
        foreach (var part in parts)
        {
            buffer.Write(part);
        }

        return buffer.ToArray();
    }

    /// <summary>Ascending unsigned bytewise order (a proper prefix sorts first), the one order DRAW-v1 uses everywhere.</summary>
    public static int CompareBytes(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => left.SequenceCompareTo(right);

    /// <summary><see cref="CompareBytes"/> as a comparer, for sorting byte strings (leaves, encodings).</summary>
    public static readonly IComparer<byte[]> BytewiseOrder = Comparer<byte[]>.Create((left, right) => CompareBytes(left, right));

    /// <summary>Orders strings by the bytes of their NFC UTF-8 form.</summary>
    public static readonly IComparer<string> Utf8Order =
        Comparer<string>.Create((left, right) => CompareBytes(Utf8(left), Utf8(right)));
}
