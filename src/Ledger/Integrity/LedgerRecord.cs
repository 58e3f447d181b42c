using System.Security.Cryptography;
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

    private const long MaxSafeInteger = (1L << 53) - 1;

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
        string streamKey, long version, string eventType, string actor, string time, ReadOnlySpan<byte> payloadJson, ReadOnlySpan<byte> previousChainHash) =>
        Write(streamKey, version, eventType, actor, time, payloadJson, previousChainHash).Written.ToArray();

    /// <summary>
    /// The chain hash of an event given its fields: SHA-256 of <see cref="Canonical"/>, without keeping the canonical bytes
    /// (the append paths seal every event and need only its hash).
    /// </summary>
    public static byte[] ChainHash(
        string streamKey, long version, string eventType, string actor, string time, ReadOnlySpan<byte> payloadJson, ReadOnlySpan<byte> previousChainHash) =>
        SHA256.HashData(Write(streamKey, version, eventType, actor, time, payloadJson, previousChainHash).Written);

    /// <summary>Writes the canonical bytes into this thread's buffer, which holds them until its next use.</summary>
    private static JcsCanonicalizer.Buffer Write(
        string streamKey, long version, string eventType, string actor, string time, ReadOnlySpan<byte> payloadJson, ReadOnlySpan<byte> previousChainHash)
    {
        if (previousChainHash.Length != HashLength)
        {
            throw new ArgumentException($"a chain hash has {HashLength} bytes", nameof(previousChainHash));
        }

        if (version is < 1 or > MaxSafeInteger)
        {
            throw new JcsException($"version {version} is outside 1..2^53−1");
        }

        // The members in JCS order (actor, data, prev, stream, time, type, version), written directly: only the
        // payload needs a JCS pass, the other members are strings escaped by JCS rules and one integer.
        var output = buffer ??= new JcsCanonicalizer.Buffer(1024);
        output.Length = 0;
        output.Write("{\"actor\":"u8);
        JcsString.Write(actor, output);
        output.Write(",\"data\":"u8);
        JcsCanonicalizer.Write(payloadJson, JcsNumberRule.SafeIntegerOnly, output);
        output.Write(",\"prev\":\""u8);
        output.WriteHexLower(previousChainHash);
        output.Write("\",\"stream\":"u8);
        JcsString.Write(streamKey, output);
        output.Write(",\"time\":"u8);
        JcsString.Write(time, output);
        output.Write(",\"type\":"u8);
        JcsString.Write(eventType, output);
        output.Write(",\"version\":"u8);
        output.WriteInteger(version);
        output.Write("}"u8);
        return output;
    }

    [ThreadStatic]
    private static JcsCanonicalizer.Buffer? buffer;

    /// <summary>The chain hash of an event: SHA-256 of its canonical bytes.</summary>
    public static byte[] ChainHash(ReadOnlySpan<byte> canonical) => SHA256.HashData(canonical);
}
