using System.Text.Json;

namespace FairDraw.Projections.Integrity;

/// <summary>
/// The signer's memory outside the database: the last checkpoint it signed and the tree's compact range at that size,
/// kept beside its key in <see cref="FileName"/> as JSON <c>{"signedNote": "…", "compactRange": "&lt;base64&gt;"}</c>,
/// so that whoever rewrites the database cannot also rewind what the signer will extend (docs/ledger-integrity.md).
/// </summary>
public sealed record KeptCheckpoint(string SignedNote, byte[] CompactRange)
{
    public const string FileName = "ledger-checkpoint.last";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Reads the file's bytes; throws <see cref="JsonException"/> when they are not such an object.</summary>
    public static KeptCheckpoint Parse(byte[] bytes) =>
        JsonSerializer.Deserialize<KeptCheckpoint>(bytes, Json) ?? throw new JsonException("the kept checkpoint is null");

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);
}
