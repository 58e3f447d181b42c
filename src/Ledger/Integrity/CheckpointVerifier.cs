using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FairDraw.Ledger.Integrity;

/// <summary>Verifies a signed checkpoint note against one trusted verifier key and returns the checkpoint it signs.</summary>
public static class CheckpointVerifier
{
    /// <summary>
    /// Signature lines from other keys (a different name or key ID) are ignored, as c2sp.org/signed-note requires; a
    /// line from the trusted key that fails to verify rejects the whole note. The body must be exactly three lines:
    /// this ledger writes no extension lines, so a note carrying them is rejected rather than partly trusted.
    /// </summary>
    public static Checkpoint Verify(string signedNote, string verifierKeyText)
    {
        var key = NoteKey.Parse(verifierKeyText);
        var note = SignedNote.Parse(signedNote);
        var fromKey = note.Signatures
            .Where(s => s.KeyName == key.Name && s.Signature.AsSpan(0, NoteKey.KeyIdSize).SequenceEqual(key.KeyId))
            .ToList();
        if (fromKey.Count == 0)
        {
            throw new CheckpointException($"unknown key: the note has no signature from {key.Name} with key ID {Convert.ToHexStringLower(key.KeyId)}");
        }

        using var publicKey = ECDsa.Create();
        publicKey.ImportSubjectPublicKeyInfo(key.SubjectPublicKeyInfo, out _);
        var text = Encoding.UTF8.GetBytes(note.Text);
        foreach (var (_, signature) in fromKey)
        {
            if (!publicKey.VerifyData(text, signature.AsSpan(NoteKey.KeyIdSize), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
            {
                throw new CheckpointException($"bad signature: the signature of {key.Name} does not verify over the note text");
            }
        }

        return ParseBody(note.Text);
    }

    /// <summary>The key name (the log's origin) of a verifier key; throws <see cref="CheckpointException"/> for text that is not one.</summary>
    public static string KeyName(string verifierKeyText) => NoteKey.Parse(verifierKeyText).Name;

    /// <summary>True when <paramref name="signatureBase64"/> is the trusted key's P1363 signature over a commitment's canonical bytes.</summary>
    public static bool VerifyCommitment(ReadOnlySpan<byte> canonical, string signatureBase64, string verifierKeyText)
    {
        var key = NoteKey.Parse(verifierKeyText);
        using var publicKey = ECDsa.Create();
        publicKey.ImportSubjectPublicKeyInfo(key.SubjectPublicKeyInfo, out _);
        var signature = new byte[64];
        return Convert.TryFromBase64String(signatureBase64, signature, out var written) && written == signature.Length
            && publicKey.VerifyData(canonical, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>The checkpoint a note text states; throws "malformed body" as <see cref="Verify"/> does.</summary>
    internal static Checkpoint ParseBody(string text)
    {
        var lines = text[..^1].Split('\n');
        if (lines.Length != 3)
        {
            throw new CheckpointException($"malformed body: expected origin, tree size and root hash lines, found {lines.Length} lines");
        }

        var (origin, size, root) = (lines[0], lines[1], lines[2]);
        if (origin.Length == 0)
        {
            throw new CheckpointException("malformed body: the origin line is empty");
        }

        var decimalWithoutLeadingZeros = size == "0" || (size.Length > 0 && size[0] != '0' && size.All(char.IsAsciiDigit));
        if (!decimalWithoutLeadingZeros || !long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var treeSize))
        {
            throw new CheckpointException($"malformed body: the tree size \"{size}\" is not a decimal without leading zeros");
        }

        var rootHash = NoteKey.DecodeBase64(root, "root hash");
        if (rootHash.Length != MerkleTree.HashSize || Convert.ToBase64String(rootHash) != root)
        {
            throw new CheckpointException($"malformed body: the root hash is not the base64 of {MerkleTree.HashSize} bytes");
        }

        return new Checkpoint(origin, treeSize, rootHash);
    }
}
