using System.Buffers;
using System.Text;

namespace FairDraw.Ledger.Integrity;

/// <summary>JSON string literals: decoding the raw escaped bytes, and writing them back with RFC 8785's minimal escaping.</summary>
internal static class JcsString
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes the bytes between the quotes; rejects invalid UTF-8 and escapes that leave a lone surrogate.</summary>
    public static string Decode(ReadOnlySpan<byte> raw, long tokenStart)
    {
        var chars = ArrayPool<char>.Shared.Rent(raw.Length);
        try
        {
            return new string(chars, 0, Decode(raw, tokenStart, chars));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Writes the string literal whose raw bytes between the quotes are <paramref name="raw"/>, decoded and re-escaped.</summary>
    public static void WriteDecoded(ReadOnlySpan<byte> raw, long tokenStart, IBufferWriter<byte> output)
    {
        var chars = ArrayPool<char>.Shared.Rent(raw.Length);
        try
        {
            Write(chars.AsSpan(0, Decode(raw, tokenStart, chars)), output);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Writes a string literal: only '"', '\' and U+0000–U+001F are escaped, with the short forms where JSON has them.</summary>
    public static void Write(ReadOnlySpan<char> value, IBufferWriter<byte> output)
    {
        if (!value.ContainsAnyInRange('\0', '\u001f') && value.IndexOfAny('"', '\\') < 0)
        {
            // Nothing to escape: the UTF-8 of the text between quotes.
            var length = StrictUtf8.GetByteCount(value) + 2;
            var span = output.GetSpan(length);
            span[0] = (byte)'"';
            StrictUtf8.GetBytes(value, span[1..]);
            span[length - 1] = (byte)'"';
            output.Advance(length);
            return;
        }

        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\b' => text.Append("\\b"),
                '\t' => text.Append("\\t"),
                '\n' => text.Append("\\n"),
                '\f' => text.Append("\\f"),
                '\r' => text.Append("\\r"),
                < ' ' => text.Append("\\u00").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture)),
                _ => text.Append(c),
            };
        }

        output.Write(StrictUtf8.GetBytes(text.Append('"').ToString()));
    }

    /// <summary>Decodes <paramref name="raw"/> into <paramref name="chars"/> (at least as long); returns the count.</summary>
    private static int Decode(ReadOnlySpan<byte> raw, long tokenStart, Span<char> chars)
    {
        // A backslash never falls inside a UTF-8 sequence, so the runs between escapes decode on their own.
        var written = 0;
        var runStart = 0;
        var i = 0;
        while (i < raw.Length)
        {
            if (raw[i] != (byte)'\\')
            {
                i++;
                continue;
            }

            written += DecodeUtf8(raw[runStart..i], chars[written..], tokenStart);
            chars[written++] = Unescape(raw, ref i);
            runStart = i;
        }

        written += DecodeUtf8(raw[runStart..], chars[written..], tokenStart);
        RejectLoneSurrogates(chars[..written], tokenStart);
        return written;
    }

    private static char Unescape(ReadOnlySpan<byte> raw, ref int i)
    {
        // The reader has already checked the escape grammar; only the \u code unit needs decoding here.
        var kind = (char)raw[i + 1];
        i += 2;
        switch (kind)
        {
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                // The reader has checked that four hex digits follow.
                System.Buffers.Text.Utf8Parser.TryParse(raw.Slice(i, 4), out ushort unit, out _, 'X');
                i += 4;
                return (char)unit;
            default: return kind;
        }
    }

    private static int DecodeUtf8(ReadOnlySpan<byte> run, Span<char> chars, long tokenStart)
    {
        try
        {
            return StrictUtf8.GetChars(run, chars);
        }
        catch (DecoderFallbackException)
        {
            throw new JcsException($"invalid UTF-8 in the string at byte {tokenStart}");
        }
    }

    private static void RejectLoneSurrogates(ReadOnlySpan<char> value, long tokenStart)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                throw new JcsException(
                    $"lone surrogate U+{(int)value[i]:X4} in the string at byte {tokenStart}; RFC 8785 requires well-formed Unicode");
            }
        }
    }
}
