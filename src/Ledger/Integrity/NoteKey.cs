using System.Security.Cryptography;

namespace FairDraw.Ledger.Integrity;

/// <summary>
/// A C2SP signed-note key of signature type 0x02, "ECDSA signatures as implemented by github.com/transparency-dev/witness"
/// (the type c2sp.org/signed-note assigns to ECDSA; P-256 is its recommended curve). For this type the spec and that
/// implementation fix: the public key material is the DER SubjectPublicKeyInfo; the key ID is the first four bytes of
/// SHA-256(SPKI) (the name and type byte are not hashed, unlike the Ed25519 derivation); the signature is the ASN.1 DER
/// ECDSA signature over SHA-256 of the note text. The verifier key text is "name+hex(key ID)+base64(0x02 || SPKI)".
/// </summary>
internal sealed record NoteKey(string Name, byte[] KeyId, byte[] SubjectPublicKeyInfo)
{
    public const byte EcdsaSignatureType = 0x02;
    public const int KeyIdSize = 4;

    public static NoteKey For(string name, ECDsa key)
    {
        RequireName(name);
        RequireP256(key);
        var spki = key.ExportSubjectPublicKeyInfo();
        return new NoteKey(name, SHA256.HashData(spki)[..KeyIdSize], spki);
    }

    /// <summary>Parses "name+hex key id+base64(type || SPKI)" and checks that the key ID matches the key.</summary>
    public static NoteKey Parse(string verifierKeyText)
    {
        var parts = (verifierKeyText ?? string.Empty).Split('+', 3);
        if (parts.Length != 3)
        {
            throw new CheckpointException("a verifier key is \"name+keyid+key\"");
        }

        RequireName(parts[0]);
        if (parts[1].Length != 2 * KeyIdSize || !parts[1].All(char.IsAsciiHexDigitLower))
        {
            throw new CheckpointException("the verifier key ID must be 8 lowercase hex digits");
        }

        var material = DecodeBase64(parts[2], "verifier key");
        if (material.Length < 2 || material[0] != EcdsaSignatureType)
        {
            throw new CheckpointException($"the verifier key is not of signature type 0x{EcdsaSignatureType:x2} (ECDSA)");
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(material.AsSpan(1), out var read);
            if (read != material.Length - 1)
            {
                throw new CheckpointException("the verifier key has bytes after its SubjectPublicKeyInfo");
            }
        }
        catch (CryptographicException bad)
        {
            throw new CheckpointException($"the verifier key is not an ECDSA SubjectPublicKeyInfo: {bad.Message}");
        }

        var parsed = For(parts[0], key);
        if (!Convert.FromHexString(parts[1]).AsSpan().SequenceEqual(parsed.KeyId))
        {
            throw new CheckpointException("the verifier key ID does not match its public key");
        }

        return parsed;
    }

    public string VerifierKeyText() =>
        $"{Name}+{Convert.ToHexStringLower(KeyId)}+{Convert.ToBase64String([EcdsaSignatureType, .. SubjectPublicKeyInfo])}";

    public static byte[] DecodeBase64(string text, string what)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new CheckpointException($"the {what} is not valid base64");
        }
    }

    /// <summary>The signed-note rule for key names, shared by every key type.</summary>
    public static void RequireName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '+'))
        {
            throw new CheckpointException("a key name must be non-empty, without spaces, control characters or '+'");
        }
    }

    private static void RequireP256(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        if (curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            throw new CheckpointException("checkpoints are signed with ECDSA on NIST P-256");
        }
    }
}
