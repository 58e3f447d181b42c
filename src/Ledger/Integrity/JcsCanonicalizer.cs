using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace FairDraw.Ledger.Integrity;

/// <summary>
/// Reads strict JSON token by token and writes its canonical form into one growing buffer. An object's members are
/// written in input order, then moved into sorted order within the buffer, so a document costs a handful of
/// allocations rather than one per member (the ledger canonicalises every event it appends and verifies).
/// </summary>
internal static class JcsCanonicalizer
{
    private static readonly JsonReaderOptions Strict = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 64,
    };

    public static byte[] Run(ReadOnlySpan<byte> utf8Json, JcsNumberRule numbers)
    {
        var reader = new Utf8JsonReader(utf8Json, Strict);
        var output = new Buffer(utf8Json.Length);
        try
        {
            reader.Read();
            WriteValue(ref reader, output, numbers);
            if (reader.Read())
            {
                throw new JcsException($"unexpected content after the JSON value at byte {reader.TokenStartIndex}");
            }
        }
        catch (JsonException invalid)
        {
            throw new JcsException($"invalid JSON: {invalid.Message}");
        }

        return output.Written.ToArray();
    }

    private static void WriteValue(ref Utf8JsonReader reader, Buffer output, JcsNumberRule numbers)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WriteObject(ref reader, output, numbers);
                break;
            case JsonTokenType.StartArray:
                WriteArray(ref reader, output, numbers);
                break;
            case JsonTokenType.String:
                WriteString(ref reader, output);
                break;
            case JsonTokenType.Number:
                output.WriteAscii(JcsNumber.Canonical(reader.ValueSpan, numbers));
                break;
            case JsonTokenType.True:
                output.Write("true"u8);
                break;
            case JsonTokenType.False:
                output.Write("false"u8);
                break;
            case JsonTokenType.Null:
                output.Write("null"u8);
                break;
            default:
                throw new JcsException($"unexpected {reader.TokenType} at byte {reader.TokenStartIndex}");
        }
    }

    /// <summary>
    /// A string without escapes is already canonical once its UTF-8 is valid (raw JSON strings hold no quote, backslash
    /// or control character, and valid UTF-8 holds no lone surrogate); others are decoded and re-escaped.
    /// </summary>
    private static void WriteString(ref Utf8JsonReader reader, Buffer output)
    {
        if (reader.ValueIsEscaped)
        {
            JcsString.Write(JcsString.Decode(reader.ValueSpan, reader.TokenStartIndex), output);
            return;
        }

        if (!Utf8.IsValid(reader.ValueSpan))
        {
            throw new JcsException($"invalid UTF-8 in the string at byte {reader.TokenStartIndex}");
        }

        output.Write("\""u8);
        output.Write(reader.ValueSpan);
        output.Write("\""u8);
    }

    private static void WriteArray(ref Utf8JsonReader reader, Buffer output, JcsNumberRule numbers)
    {
        output.Write("["u8);
        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!first)
            {
                output.Write(","u8);
            }

            WriteValue(ref reader, output, numbers);
            first = false;
        }

        output.Write("]"u8);
    }

    private static void WriteObject(ref Utf8JsonReader reader, Buffer output, JcsNumberRule numbers)
    {
        var begin = output.Length;
        var members = new List<(string Name, long NameAt, int Start, int Length)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var nameAt = reader.TokenStartIndex;
            var name = Name(ref reader);
            reader.Read();
            var start = output.Length;
            WriteValue(ref reader, output, numbers);
            members.Add((name, nameAt, start - begin, output.Length - start));
        }

        // RFC 8785: members sorted by their names as UTF-16 code units, which is string.CompareOrdinal.
        members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 1; i < members.Count; i++)
        {
            if (members[i].Name == members[i - 1].Name)
            {
                throw new JcsException($"duplicate object key \"{members[i].Name}\" at byte {Math.Max(members[i].NameAt, members[i - 1].NameAt)}");
            }
        }

        var values = output.Written[begin..].ToArray();
        output.Length = begin;
        output.Write("{"u8);
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                output.Write(","u8);
            }

            JcsString.Write(members[i].Name, output);
            output.Write(":"u8);
            output.Write(values.AsSpan(members[i].Start, members[i].Length));
        }

        output.Write("}"u8);
    }

    private static string Name(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return JcsString.Decode(reader.ValueSpan, reader.TokenStartIndex);
        }

        return Utf8.IsValid(reader.ValueSpan)
            ? Encoding.UTF8.GetString(reader.ValueSpan)
            : throw new JcsException($"invalid UTF-8 in the string at byte {reader.TokenStartIndex}");
    }

    /// <summary>A growable byte buffer whose length can be cut back (to reorder an object's members in place).</summary>
    internal sealed class Buffer(int capacity) : System.Buffers.IBufferWriter<byte>
    {
        private byte[] _bytes = new byte[Math.Max(capacity, 64)];

        public int Length { get; set; }

        public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

        public void Write(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(GetSpan(bytes.Length));
            Length += bytes.Length;
        }

        public void WriteAscii(string text) => Length += Encoding.ASCII.GetBytes(text, GetSpan(text.Length));

        public void Advance(int count) => Length += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _bytes.AsMemory(Length);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _bytes.AsSpan(Length);
        }

        private void Ensure(int sizeHint)
        {
            var needed = Length + Math.Max(sizeHint, 1);
            if (needed > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(needed, _bytes.Length * 2));
            }
        }
    }
}
