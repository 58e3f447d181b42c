using System.Runtime.InteropServices;
using System.Text.Json;

namespace FairDraw.Ledger.Integrity;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme: object members sorted by their names' UTF-16 code units, numbers written the
/// way ECMAScript writes a double, strings with the minimal escaping, no insignificant whitespace, UTF-8 output.
/// The input must be strict RFC 8259 JSON (no comments, no trailing commas) with unique member names and no lone
/// surrogates; anything else throws a <see cref="JcsException"/>.
/// </summary>
public static class Jcs
{
    /// <summary>Canonical UTF-8 bytes of a JSON text.</summary>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json) => JcsCanonicalizer.Run(utf8Json, JcsNumberRule.AnyFiniteDouble);

    /// <summary>
    /// Canonical UTF-8 bytes of an already parsed element. The element's original text is canonicalized, so a
    /// <see cref="JsonDocument"/> that kept a duplicate member name is still rejected; but a caller who built the
    /// element from an object model that silently dropped a duplicate (the last one winning) has already lost it, and
    /// nothing here can tell. Prefer <see cref="Canonicalize(ReadOnlySpan{byte})"/> on the bytes as received.
    /// </summary>
    public static byte[] Canonicalize(JsonElement element) =>
        Canonicalize(JsonMarshal.GetRawUtf8Value(element));

    /// <summary>
    /// The ledger profile for event payloads: <see cref="Canonicalize(ReadOnlySpan{byte})"/>, but every number must be
    /// written as a plain integer (no fraction, no exponent) within ±(2^53−1). Decimals travel as strings.
    /// </summary>
    public static byte[] CanonicalizeLedgerPayload(ReadOnlySpan<byte> utf8Json) =>
        JcsCanonicalizer.Run(utf8Json, JcsNumberRule.SafeIntegerOnly);
}
