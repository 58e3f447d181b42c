using System.Text.Json;

namespace FairDraw.Ledger.Duty;

/// <summary>
/// An event's canonical bytes read back into their members (docs/ledger-integrity.md, "Event canonical encoding"), so that
/// a verifier takes everything it judges from the bytes the ledger hashed.
/// </summary>
public sealed record DutyCanonical(
    long Sequence, long LeafIndex, byte[] Bytes, string Stream, long Version, string Type, string Actor, string Time, string Prev, string DataJson)
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
            root.GetProperty("data").GetRawText());
    }

    /// <summary>The event for the engine, its payload decoded by <paramref name="decode"/> (type name, payload JSON → record).</summary>
    public DutyEvent Decode(Func<string, string, object> decode)
    {
        ArgumentNullException.ThrowIfNull(decode);
        return new DutyEvent(Sequence, LeafIndex, Stream, Version, Type, Actor, Time, decode(Type, DataJson));
    }
}
