using System.Security.Cryptography;
using System.Text;

namespace FairDraw.Ledger.Integrity;

/// <summary>
/// Signs checkpoints as C2SP signed notes with an ECDSA P-256 key (signature type 0x02; see docs/ledger-integrity.md):
/// the signature line is "— &lt;key name&gt; base64(key ID || DER ECDSA signature over SHA-256 of the body)".
/// </summary>
public sealed class CheckpointSigner
{
    private readonly ECDsa privateKey;
    private readonly NoteKey key;

    public CheckpointSigner(ECDsa privateKey, string keyName)
    {
        key = NoteKey.For(keyName, privateKey);
        this.privateKey = privateKey;
    }

    public string KeyName => key.Name;

    /// <summary>SHA-256(DER SubjectPublicKeyInfo)[0..4], the key ID signature type 0x02 uses.</summary>
    public byte[] KeyId => key.KeyId.ToArray();

    /// <summary>"&lt;key name&gt;+&lt;8 lowercase hex digits of the key ID&gt;+base64(0x02 || DER SubjectPublicKeyInfo)".</summary>
    public string PublicKeyText() => key.VerifierKeyText();

    /// <summary>
    /// Signs a draw commitment's canonical bytes: ECDSA P-256 over SHA-256, IEEE P1363 (r || s, 64 bytes), base64 —
    /// the form WebCrypto verifies directly.
    /// </summary>
    public string SignCommitment(ReadOnlySpan<byte> canonical) =>
        Convert.ToBase64String(privateKey.SignData(canonical, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    public string Sign(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var body = checkpoint.Body();
        var signature = privateKey.SignData(
            Encoding.UTF8.GetBytes(body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return $"{body}\n{SignedNote.SignatureLinePrefix}{KeyName} {Convert.ToBase64String([.. key.KeyId, .. signature])}\n";
    }
}
