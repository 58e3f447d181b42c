using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
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
        var output = new Buffer(utf8Json.Length);
        Write(utf8Json, numbers, output);
        return output.Written.ToArray();
    }

    /// <summary>Appends the canonical form of <paramref name="utf8Json"/> to <paramref name="output"/>.</summary>
    public static void Write(ReadOnlySpan<byte> utf8Json, JcsNumberRule numbers, Buffer output)
    {
        var reader = new Utf8JsonReader(utf8Json, Strict);
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
            JcsString.WriteDecoded(reader.ValueSpan, reader.TokenStartIndex, output);
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
        // The members of the objects being written, innermost last: a nested object is written (and its members
        // removed) before its parent records the member that holds it, so one list per thread serves every depth.
        var members = memberStack ??= [];
        var first = members.Count;
        try
        {
            var begin = output.Length;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var nameAt = reader.TokenStartIndex;
                var name = Name(ref reader);
                reader.Read();
                var start = output.Length;
                WriteValue(ref reader, output, numbers);
                members.Add(new Member(name, nameAt, start - begin, output.Length - start));
            }

            // RFC 8785: members sorted by their names as UTF-16 code units, which is string.CompareOrdinal.
            var sorted = CollectionsMarshal.AsSpan(members)[first..];
            sorted.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            for (var i = 1; i < sorted.Length; i++)
            {
                if (sorted[i].Name == sorted[i - 1].Name)
                {
                    throw new JcsException($"duplicate object key \"{sorted[i].Name}\" at byte {Math.Max(sorted[i].NameAt, sorted[i - 1].NameAt)}");
                }
            }

            var length = output.Length - begin;
            var values = ArrayPool<byte>.Shared.Rent(length);
            output.Written[begin..].CopyTo(values);
            output.Length = begin;
            output.Write("{"u8);
            for (var i = 0; i < sorted.Length; i++)
            {
                if (i > 0)
                {
                    output.Write(","u8);
                }

                JcsString.Write(sorted[i].Name, output);
                output.Write(":"u8);
                output.Write(values.AsSpan(sorted[i].Start, sorted[i].Length));
            }

            output.Write("}"u8);
            ArrayPool<byte>.Shared.Return(values);
        }
        finally
        {
            members.RemoveRange(first, members.Count - first);
        }
    }

    [ThreadStatic]
    private static List<Member>? memberStack;

    /// <summary>An object member as written in input order: its name, where the name was read, and its value's place in the output.</summary>
    private readonly record struct Member(string Name, long NameAt, int Start, int Length);

    private static string Name(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return JcsString.Decode(reader.ValueSpan, reader.TokenStartIndex);
        }

        if (Ascii.IsValid(reader.ValueSpan))
        {
            return AsciiName(reader.ValueSpan);
        }

        return Utf8.IsValid(reader.ValueSpan)
            ? Encoding.UTF8.GetString(reader.ValueSpan)
            : throw new JcsException($"invalid UTF-8 in the string at byte {reader.TokenStartIndex}");
    }

    /// <summary>
    /// The string of an ASCII member name, from a small per-thread cache: payloads of one event type repeat the same
    /// names, and the ledger canonicalises every event it appends and verifies.
    /// </summary>
    private static string AsciiName(ReadOnlySpan<byte> name)
    {
        var hash = 2166136261u; // FNV-1a
        foreach (var b in name)
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        var names = asciiNames ??= new string[256];
        ref var cached = ref names[hash & 0xFF];
        if (cached is null || !Ascii.Equals(name, cached))
        {
            cached = Encoding.ASCII.GetString(name);
        }

        return cached;
    }

    [ThreadStatic]
    private static string[]? asciiNames;

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

        public void WriteInteger(long value)
        {
            value.TryFormat(GetSpan(20), out var written, default, CultureInfo.InvariantCulture);
            Length += written;
        }

        public void WriteHexLower(ReadOnlySpan<byte> bytes)
        {
            Convert.TryToHexStringLower(bytes, GetSpan(bytes.Length * 2), out var written);
            Length += written;
        }

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
