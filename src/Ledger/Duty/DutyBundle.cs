using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace FairDraw.Ledger.Duty;

/// <summary>
/// A duty bundle, <c>fairdraw-duty-bundle/v2</c> (docs/duty-report.md §7): the report, every event it reads, one
/// multi-leaf inclusion proof of them all in the final checkpoint's tree, and the bound checkpoints with their
/// consistency proofs to it.
/// </summary>
public sealed record DutyBundle(
    string Format, DutyReport Report, string Checkpoint, IReadOnlyList<DutyBundleEvent> Events, IReadOnlyList<string> InclusionProof,
    IReadOnlyList<DutyBundleBound> Bounds)
{
    public const string FormatName = "fairdraw-duty-bundle/v2";

    /// <summary>camelCase, every member required on reading (a member missing is a truncated or altered file), UTF-8 text unescaped.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>Reads a bundle; throws <see cref="JsonException"/> for anything that is not a whole bundle document.</summary>
    public static DutyBundle Parse(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize<DutyBundle>(utf8, Json) ?? throw new JsonException("the document is null");
}

/// <summary>One event: its ledger sequence and leaf index, and its canonical bytes (a JSON string of their UTF-8 text).</summary>
public sealed record DutyBundleEvent(long Sequence, long LeafIndex, [property: JsonConverter(typeof(Utf8TextConverter))] byte[] Canonical);

/// <summary>
/// UTF-8 bytes as a JSON string of their text, read and written without passing through UTF-16: a city's year carries
/// tens of megabytes of canonical bytes, which the verifier hashes and parses as bytes.
/// </summary>
public sealed class Utf8TextConverter : JsonConverter<byte[]>
{
    public override byte[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a string, found {reader.TokenType}");
        }

        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return reader.ValueSpan.ToArray();
        }

        var text = new byte[reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length];
        return text[..reader.CopyString(text)];
    }

    public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A bound checkpoint's cosigned note and its consistency proof (hex) to the final checkpoint.</summary>
public sealed record DutyBundleBound(string Checkpoint, IReadOnlyList<string> ConsistencyProof);

/// <summary>One failure a verifier names: its kind (<c>truncated</c>, <c>tampered</c>, <c>reordered</c>, …) and what.</summary>
public sealed record DutyFailure(string Kind, string Detail)
{
    public override string ToString() => $"{Kind}: {Detail}";
}
