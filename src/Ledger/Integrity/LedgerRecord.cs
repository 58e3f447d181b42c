using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace FairDraw.Ledger.Integrity;

/// <summary>
/// The canonical form of one ledger event (docs/ledger-integrity.md, "Event canonical encoding"): the RFC 8785 (JCS)
/// canonical JSON of
/// <c>{"actor","data","prev","stream","time","type","version"}</c>, where <c>data</c> is the event payload in the
/// ledger profile (integers only, no floats), <c>prev</c> the hex chain hash of the stream's previous event (64 zeros
/// for version 1) and <c>time</c> the event's own instant with nine fraction digits. Its SHA-256 is the event's chain
/// hash; SHA-256(0x00 ‖ canonical) is its leaf in the Merkle log.
/// </summary>
public static class LedgerRecord
{
    public const int HashLength = 32;

    /// <summary>The <c>prev</c> of the first event of every stream: 32 zero bytes.</summary>
    public static ReadOnlySpan<byte> Genesis => new byte[HashLength];

    private static readonly InstantPattern TimePattern = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffff'Z'");

    /// <summary>An event's instant as the canonical form writes it: UTC with nine fraction digits.</summary>
    public static string FormatTime(Instant occurredAt) => TimePattern.Format(occurredAt);

    /// <summary>
    /// The canonical bytes of an event (<paramref name="time"/> as <see cref="FormatTime"/> writes it). Throws
    /// <see cref="JcsException"/> when the payload is not JSON in the ledger profile.
    /// </summary>
    public static byte[] Canonical(
        string streamKey, long version, string eventType, string actor, string time, ReadOnlySpan<byte> payloadJson, ReadOnlySpan<byte> previousChainHash)
    {
        if (previousChainHash.Length != HashLength)
        {
            throw new ArgumentException($"a chain hash has {HashLength} bytes", nameof(previousChainHash));
        }

        var buffer = new ArrayBufferWriter<byte>(payloadJson.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("actor", actor);
            writer.WritePropertyName("data");
            writer.WriteRawValue(payloadJson, skipInputValidation: true); // the JCS pass below parses it strictly
            writer.WriteString("prev", Convert.ToHexStringLower(previousChainHash));
            writer.WriteString("stream", streamKey);
            writer.WriteString("time", time);
            writer.WriteString("type", eventType);
            writer.WriteNumber("version", version);
            writer.WriteEndObject();
        }

        return Jcs.CanonicalizeLedgerPayload(buffer.WrittenSpan);
    }

    /// <summary>The chain hash of an event: SHA-256 of its canonical bytes.</summary>
    public static byte[] ChainHash(ReadOnlySpan<byte> canonical) => SHA256.HashData(canonical);
}
