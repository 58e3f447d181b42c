using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace FairDraw.Ledger.Integrity;

/// <summary>
/// A witness's signing key: makes c2sp.org/tlog-cosignature cosignature/v1 signature lines. The signed message is
/// "cosignature/v1\ntime &lt;POSIX seconds&gt;\n" followed by the checkpoint's body; the line carries
/// base64(key ID || timestamp as a big-endian u64 || 64-byte Ed25519 signature).
/// </summary>
public sealed class Cosigner
{
    public const int SeedSize = 32;
    private readonly Ed25519PrivateKeyParameters privateKey;

    public Cosigner(string name, ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedSize)
        {
            throw new CheckpointException($"an Ed25519 private key is a {SeedSize}-byte seed, got {seed.Length}");
        }

        privateKey = new Ed25519PrivateKeyParameters(seed.ToArray());
        Key = WitnessKey.For(name, privateKey.GeneratePublicKey().GetEncoded());
    }

    public WitnessKey Key { get; }

    /// <summary>A new random seed for <see cref="Cosigner(string, ReadOnlySpan{byte})"/>.</summary>
    public static byte[] NewSeed() => RandomNumberGenerator.GetBytes(SeedSize);

    /// <summary>The signature line "— &lt;name&gt; &lt;base64&gt;\n" cosigning <paramref name="checkpoint"/> at <paramref name="timestamp"/>.</summary>
    public string Cosign(Checkpoint checkpoint, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentOutOfRangeException.ThrowIfNegative(timestamp);
        var signer = new Ed25519Signer();
        signer.Init(forSigning: true, privateKey);
        var message = Cosignatures.SignedMessage(checkpoint.Body(), timestamp);
        signer.BlockUpdate(message, 0, message.Length);
        var signature = new byte[NoteKey.KeyIdSize + sizeof(long)];
        Key.KeyId.CopyTo(signature, 0);
        BinaryPrimitives.WriteUInt64BigEndian(signature.AsSpan(NoteKey.KeyIdSize), (ulong)timestamp);
        return $"{SignedNote.SignatureLinePrefix}{Key.Name} {Convert.ToBase64String([.. signature, .. signer.GenerateSignature()])}\n";
    }
}
