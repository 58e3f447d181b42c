using System.Security.Cryptography;
using System.Text;

namespace FairDraw.Ledger.Integrity;

/// <summary>
/// A witness's public key: a c2sp.org/tlog-cosignature Ed25519 cosigner key (cosignature/v1, signed-note type 0x04).
/// The key ID is SHA-256(name || 0x0A || 0x04 || 32-byte public key)[:4]; the verifier key text is
/// "name+hex(key ID)+base64(0x04 || public key)".
/// </summary>
public sealed record WitnessKey
{
    public const byte CosignatureType = 0x04;
    public const int PublicKeySize = 32;

    private WitnessKey(string name, byte[] keyId, byte[] publicKey) => (Name, KeyId, PublicKey) = (name, keyId, publicKey);

    public string Name { get; }

    public byte[] KeyId { get; }

    public byte[] PublicKey { get; }

    public static WitnessKey For(string name, ReadOnlySpan<byte> publicKey)
    {
        NoteKey.RequireName(name);
        if (publicKey.Length != PublicKeySize)
        {
            throw new CheckpointException($"an Ed25519 public key is {PublicKeySize} bytes, got {publicKey.Length}");
        }

        byte[] hashed = [.. Encoding.UTF8.GetBytes(name), 0x0A, CosignatureType, .. publicKey];
        return new WitnessKey(name, SHA256.HashData(hashed)[..NoteKey.KeyIdSize], publicKey.ToArray());
    }

    /// <summary>Parses "name+hex key id+base64(0x04 || public key)" and checks that the key ID matches the key.</summary>
    public static WitnessKey Parse(string verifierKeyText)
    {
        var parts = (verifierKeyText ?? string.Empty).Split('+', 3);
        if (parts.Length != 3)
        {
            throw new CheckpointException("a witness key is \"name+keyid+key\"");
        }

        if (parts[1].Length != 2 * NoteKey.KeyIdSize || !parts[1].All(char.IsAsciiHexDigitLower))
        {
            throw new CheckpointException("the witness key ID must be 8 lowercase hex digits");
        }

        var material = NoteKey.DecodeBase64(parts[2], "witness key");
        if (material.Length != 1 + PublicKeySize || material[0] != CosignatureType)
        {
            throw new CheckpointException(
                $"the witness key is not of signature type 0x{CosignatureType:x2} (Ed25519 cosignature/v1) with a 32-byte key");
        }

        var parsed = For(parts[0], material.AsSpan(1));
        if (!Convert.FromHexString(parts[1]).AsSpan().SequenceEqual(parsed.KeyId))
        {
            throw new CheckpointException("the witness key ID does not match its name and public key");
        }

        return parsed;
    }

    public string VerifierKeyText() =>
        $"{Name}+{Convert.ToHexStringLower(KeyId)}+{Convert.ToBase64String([CosignatureType, .. PublicKey])}";

    public bool Equals(WitnessKey? other) =>
        other is not null && Name == other.Name && PublicKey.AsSpan().SequenceEqual(other.PublicKey);

    public override int GetHashCode() => HashCode.Combine(Name, Convert.ToBase64String(PublicKey));
}
