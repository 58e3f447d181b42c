using System.Security.Cryptography;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Tests.Integrity;

public sealed class CheckpointSigningTests
{
    [Fact]
    public void Key_id_and_verifier_key_follow_signed_note_type_0x02()
    {
        using var key = CheckpointTestKey.Load();
        var signer = new CheckpointSigner(key, CheckpointTestKey.Name);
        Assert.Equal(CheckpointTestKey.Name, signer.KeyName);
        Assert.Equal(CheckpointTestKey.KeyIdHex, Convert.ToHexStringLower(signer.KeyId));
        Assert.Equal(CheckpointTestKey.VerifierKey, signer.PublicKeyText());
    }

    [Fact]
    public void A_signed_note_is_the_body_a_blank_line_and_one_signature_line_carrying_the_key_id()
    {
        using var key = CheckpointTestKey.Load();
        var note = new CheckpointSigner(key, CheckpointTestKey.Name).Sign(CheckpointTestKey.ThreeLeafCheckpoint());

        var prefix = CheckpointTestKey.ThreeLeafBody + "\n\u2014 " + CheckpointTestKey.Name + " ";
        Assert.StartsWith(prefix, note);
        Assert.EndsWith("\n", note);
        var signature = Convert.FromBase64String(note[prefix.Length..^1]);
        Assert.Equal(CheckpointTestKey.KeyIdHex, Convert.ToHexStringLower(signature[..4]));
        Assert.Equal(0x30, signature[4]); // a DER SEQUENCE (RFC 3279 Ecdsa-Sig-Value) follows the key ID
    }

    [Fact]
    public void Sign_then_verify_returns_the_same_checkpoint()
    {
        using var key = CheckpointTestKey.Load();
        var checkpoint = CheckpointTestKey.ThreeLeafCheckpoint();
        var note = new CheckpointSigner(key, CheckpointTestKey.Name).Sign(checkpoint);

        var verified = CheckpointVerifier.Verify(note, CheckpointTestKey.VerifierKey);
        Assert.Equal((checkpoint.Origin, checkpoint.TreeSize), (verified.Origin, verified.TreeSize));
        Assert.Equal(checkpoint.RootHash, verified.RootHash);
    }

    [Fact]
    public void A_note_signed_by_OpenSSL_verifies()
    {
        var verified = CheckpointVerifier.Verify(CheckpointTestKey.OpenSslSignedNote, CheckpointTestKey.VerifierKey);
        Assert.Equal(CheckpointTestKey.ThreeLeafBody, verified.Body());
    }

    [Fact]
    public void Signatures_from_other_keys_are_ignored()
    {
        // c2sp.org/signed-note: verifiers MUST ignore signatures from unknown keys (witness cosignatures, rotation).
        var note = CheckpointTestKey.OpenSslSignedNote.Replace("\n\n", "\n\n\u2014 witness.example/w1 AAAAAAAAAAAAAAA=\n", StringComparison.Ordinal);
        Assert.Equal(3, CheckpointVerifier.Verify(note, CheckpointTestKey.VerifierKey).TreeSize);
    }

    [Fact]
    public void Only_P256_keys_and_valid_key_names_are_accepted()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Throws<CheckpointException>(() => new CheckpointSigner(p384, CheckpointTestKey.Name));
        using var key = CheckpointTestKey.Load();
        Assert.Throws<CheckpointException>(() => new CheckpointSigner(key, "has space"));
        Assert.Throws<CheckpointException>(() => new CheckpointSigner(key, "has+plus"));
        Assert.Throws<CheckpointException>(() => new CheckpointSigner(key, ""));
    }
}
