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

/// <summary>One event: its ledger sequence and leaf index, and its canonical bytes (as UTF-8 text).</summary>
public sealed record DutyBundleEvent(long Sequence, long LeafIndex, string Canonical);

/// <summary>A bound checkpoint's cosigned note and its consistency proof (hex) to the final checkpoint.</summary>
public sealed record DutyBundleBound(string Checkpoint, IReadOnlyList<string> ConsistencyProof);

/// <summary>One failure a verifier names: its kind (<c>truncated</c>, <c>tampered</c>, <c>reordered</c>, …) and what.</summary>
public sealed record DutyFailure(string Kind, string Detail)
{
    public override string ToString() => $"{Kind}: {Detail}";
}
