using System.Security.Cryptography;
using System.Text;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Tests.Integrity;

/// <summary>
/// A throwaway P-256 key made with OpenSSL for these tests only (`openssl ecparam -name prime256v1 -genkey`), and the
/// values derived from it independently of our code: the key ID and verifier key with Python's hashlib over
/// `openssl ec -pubout -outform DER`, and a note signed by `openssl dgst -sha256 -sign` over <see cref="ThreeLeafBody"/>.
/// </summary>
public static class CheckpointTestKey
{
    public const string Name = "fairdraw.example/ledger";

    public const string PrivateKeyPem = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgMFKGoarT98LvT1uV
        Sm6NhfUSfJIO/AEnC4Hzr2UWcRChRANCAAQ8sgsibQnceffgW0PUB7f2ExdMFqas
        XCNDjQyCEgsQgu2HrjuBUXSvu7HX10hPEG0izpRLgEmwgyiVUtwbtY7m
        -----END PRIVATE KEY-----
        """;

    /// <summary>SHA-256(DER SubjectPublicKeyInfo)[0..4].</summary>
    public const string KeyIdHex = "ede11730";

    public const string VerifierKey =
        "fairdraw.example/ledger+ede11730+AjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABDyyCyJtCdx59+BbQ9QHt/YTF0wWpqxcI0ONDIISCxCC7YeuO4FRdK+7sdfXSE8QbSLOlEuASbCDKJVS3Bu1juY=";

    /// <summary>The checkpoint of transparency-dev's reference tree at size 3 (root aeb6bcfe…6e77).</summary>
    public const string ThreeLeafBody = "fairdraw.example/ledger\n3\nrra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\n";

    public const string OpenSslSignedNote = ThreeLeafBody + "\n\u2014 fairdraw.example/ledger 7eEXMDBFAiAf2Qzvk3Cvmsqw1zeOMvD7DGYP7E3IWW+sTl91OCQ5YAIhAL222Hl4pAfbdJVBO/wmreEhSkoKZICsLFZ0m+qLlCTw\n";

    public static ECDsa Load()
    {
        var key = ECDsa.Create();
        key.ImportFromPem(PrivateKeyPem);
        return key;
    }

    /// <summary>A note over any text, validly signed by this key: for testing what the verifier does with the body.</summary>
    public static string NoteOver(string text)
    {
        using var key = Load();
        var signature = key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return $"{text}\n\u2014 {Name} {Convert.ToBase64String([.. Convert.FromHexString(KeyIdHex), .. signature])}\n";
    }

    public static Checkpoint ThreeLeafCheckpoint() =>
        new(Name, 3, MerkleTree.Root(MerkleTestTree.LeafHashes(), 3));
}
