using System.Text.Json;

namespace FairDraw.Ledger.Duty;

/// <summary>Turns a stored event type name and its payload (UTF-8 JSON) into the domain's event record.</summary>
public delegate object DutyDecoder(string type, ReadOnlySpan<byte> payload);

/// <summary>
/// An event's canonical bytes read back into their members (docs/ledger-integrity.md, "Event canonical encoding"), so that
/// a verifier takes everything it judges from the bytes the ledger hashed. <see cref="Data"/> is the payload's text
/// within <see cref="Bytes"/>.
/// </summary>
public sealed record DutyCanonical(
    long Sequence, long LeafIndex, byte[] Bytes, string Stream, long Version, string Type, string Actor, string Time, string Prev,
    ReadOnlyMemory<byte> Data)
{
    /// <summary>
    /// Reads the members in one pass over the bytes (no document, no copy of the payload); throws <see cref="JsonException"/>
    /// for text that is not one JSON object, <see cref="InvalidOperationException"/> or <see cref="FormatException"/> for
    /// a member of the wrong type, <see cref="KeyNotFoundException"/> for one missing. A repeated member counts last, as in
    /// JSON.parse.
    /// </summary>
    public static DutyCanonical Parse(long sequence, long leafIndex, byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("the canonical bytes are not a JSON object");
        }

        string? stream = null, type = null, actor = null, time = null, prev = null;
        long? version = null;
        ReadOnlyMemory<byte>? data = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "stream": stream = reader.GetString(); break;
                case "version": version = reader.GetInt64(); break;
                case "type": type = reader.GetString(); break;
                case "actor": actor = reader.GetString(); break;
                case "time": time = reader.GetString(); break;
                case "prev": prev = reader.GetString(); break;
                case "data":
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    data = bytes.AsMemory(start, (int)reader.BytesConsumed - start);
                    break;
                default: reader.Skip(); break;
            }
        }

        if (reader.Read())
        {
            throw new JsonException("the canonical bytes go on after their object");
        }

        return new DutyCanonical(
            sequence, leafIndex, bytes, stream ?? throw Missing("stream"), version ?? throw Missing("version"), type ?? throw Missing("type"),
            actor ?? throw Missing("actor"), time ?? throw Missing("time"), prev ?? throw Missing("prev"), data ?? throw Missing("data"));
    }

    /// <summary>The event for the engine, its payload decoded by <paramref name="decode"/>.</summary>
    public DutyEvent Decode(DutyDecoder decode)
    {
        ArgumentNullException.ThrowIfNull(decode);
        return new DutyEvent(Sequence, LeafIndex, Stream, Version, Type, Actor, Time, decode(Type, Data.Span));
    }

    private static KeyNotFoundException Missing(string member) => new($"the canonical bytes have no \"{member}\"");
}
