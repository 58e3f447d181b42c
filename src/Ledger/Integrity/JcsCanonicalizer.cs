using System.Buffers;
using System.Text;
using System.Text.Json;

namespace FairDraw.Ledger.Integrity;

/// <summary>Reads strict JSON token by token and writes its canonical form; objects are buffered to sort members.</summary>
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
        var output = new ArrayBufferWriter<byte>(Math.Max(utf8Json.Length, 1));
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

        return output.WrittenSpan.ToArray();
    }

    private static void WriteValue(ref Utf8JsonReader reader, ArrayBufferWriter<byte> output, JcsNumberRule numbers)
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
                JcsString.Write(JcsString.Decode(reader.ValueSpan, reader.TokenStartIndex), output);
                break;
            case JsonTokenType.Number:
                Append(output, JcsNumber.Canonical(reader.ValueSpan, numbers));
                break;
            case JsonTokenType.True:
                Append(output, "true"u8);
                break;
            case JsonTokenType.False:
                Append(output, "false"u8);
                break;
            case JsonTokenType.Null:
                Append(output, "null"u8);
                break;
            default:
                throw new JcsException($"unexpected {reader.TokenType} at byte {reader.TokenStartIndex}");
        }
    }

    private static void WriteArray(ref Utf8JsonReader reader, ArrayBufferWriter<byte> output, JcsNumberRule numbers)
    {
        Append(output, "["u8);
        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!first)
            {
                Append(output, ","u8);
            }

            WriteValue(ref reader, output, numbers);
            first = false;
        }

        Append(output, "]"u8);
    }

    private static void WriteObject(ref Utf8JsonReader reader, ArrayBufferWriter<byte> output, JcsNumberRule numbers)
    {
        var members = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var nameAt = reader.TokenStartIndex;
            var name = JcsString.Decode(reader.ValueSpan, nameAt);
            reader.Read();
            var value = new ArrayBufferWriter<byte>();
            WriteValue(ref reader, value, numbers);
            if (!members.TryAdd(name, value.WrittenSpan.ToArray()))
            {
                throw new JcsException($"duplicate object key \"{name}\" at byte {nameAt}");
            }
        }

        Append(output, "{"u8);
        var first = true;
        foreach (var (name, value) in members)
        {
            if (!first)
            {
                Append(output, ","u8);
            }

            JcsString.Write(name, output);
            Append(output, ":"u8);
            Append(output, value);
            first = false;
        }

        Append(output, "}"u8);
    }

    private static void Append(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);

    private static void Append(ArrayBufferWriter<byte> output, string ascii) => output.Write(Encoding.ASCII.GetBytes(ascii));
}
