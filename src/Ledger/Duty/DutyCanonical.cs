using System.Runtime.InteropServices;
using System.Text.Json;

namespace FairDraw.Ledger.Duty;

/// <summary>Turns a stored event type name and its payload (UTF-8 JSON) into the domain's event record.</summary>
public delegate object DutyDecoder(string type, ReadOnlySpan<byte> payload);

/// <summary>
/// An event's canonical bytes read back into their members (docs/ledger-integrity.md, "Event canonical encoding"), so that
/// a verifier takes everything it judges from the bytes the ledger hashed.
/// </summary>
public sealed record DutyCanonical(
    long Sequence, long LeafIndex, byte[] Bytes, string Stream, long Version, string Type, string Actor, string Time, string Prev, byte[] Data)
{
    /// <summary>Reads the members; throws <see cref="JsonException"/> or <see cref="KeyNotFoundException"/> when one is missing.</summary>
    public static DutyCanonical Parse(long sequence, long leafIndex, byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        return new DutyCanonical(
            sequence, leafIndex, bytes,
            root.GetProperty("stream").GetString()!,
            root.GetProperty("version").GetInt64(),
            root.GetProperty("type").GetString()!,
            root.GetProperty("actor").GetString()!,
            root.GetProperty("time").GetString()!,
            root.GetProperty("prev").GetString()!,
            JsonMarshal.GetRawUtf8Value(root.GetProperty("data")).ToArray()); // UTF-8 as hashed: no round trip through UTF-16
    }

    /// <summary>The event for the engine, its payload decoded by <paramref name="decode"/>.</summary>
    public DutyEvent Decode(DutyDecoder decode)
    {
        ArgumentNullException.ThrowIfNull(decode);
        return new DutyEvent(Sequence, LeafIndex, Stream, Version, Type, Actor, Time, decode(Type, Data));
    }
}
