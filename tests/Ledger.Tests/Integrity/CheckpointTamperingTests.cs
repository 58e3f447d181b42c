using System.Security.Cryptography;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Tests.Integrity;

public sealed class CheckpointTamperingTests
{
    private const string Note = CheckpointTestKey.OpenSslSignedNote;

    [Theory]
    // Each row changes one thing in the OpenSSL-signed note; the expected reason names what the verifier found.
    [InlineData("fairdraw.example/ledger\n3\n", "fairdraw.example/ledgers\n3\n", "bad signature")]        // origin
    [InlineData("\n3\n", "\n4\n", "bad signature")]                                                         // tree size
    [InlineData("rra8/idL", "rra8/idM", "bad signature")]                                                   // root hash
    [InlineData("+qLlCTw\n", "+qLlCTx\n", "bad signature")]                                                 // signature's last bits
    [InlineData("\u2014 fairdraw.example/ledger ", "\u2014 fairdraw.example/other ", "unknown key")]       // key name
    [InlineData(" 7eEXMD", " 7eEXMT", "unknown key")]                                                       // key ID
    [InlineData("=\n\n\u2014", "=\n\u2014", "malformed note")]                                             // no blank line
    [InlineData("+qLlCTw\n", "+qLlCTw", "malformed note")]                                                  // no final newline
    [InlineData("+qLlCTw\n", "+qLlCTw\n\n", "malformed note")]                                              // trailing blank line
    [InlineData("\u2014 ", "- ", "malformed note")]                                                         // not an em dash
    [InlineData("ledger\n3", "ledger\t\n3", "malformed note")]                                              // control character
    public void A_changed_note_is_rejected_with_its_reason(string original, string replacement, string reason)
    {
        Assert.Contains(original, Note);
        var tampered = Note.Replace(original, replacement, StringComparison.Ordinal);
        var failure = Assert.Throws<CheckpointException>(() => CheckpointVerifier.Verify(tampered, CheckpointTestKey.VerifierKey));
        Assert.Contains(reason, failure.Message);
    }

    [Theory]
    // Validly signed notes whose bodies break c2sp.org/tlog-checkpoint "Note text" (or the ledger's no-extension rule).
    [InlineData("\n3\nrra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\n", "origin line is empty")]
    [InlineData("fairdraw.example/ledger\n03\nrra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\n", "leading zeros")]
    [InlineData("fairdraw.example/ledger\n+3\nrra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\n", "leading zeros")]
    [InlineData("fairdraw.example/ledger\n99999999999999999999\nrra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\n", "leading zeros")]
    [InlineData("fairdraw.example/ledger\n3\nrra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc\n", "base64")]
    [InlineData("fairdraw.example/ledger\n3\nrra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngb\n", "base64")]
    [InlineData("fairdraw.example/ledger\n3\nrra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\nextension\n", "found 4 lines")]
    public void A_signed_but_malformed_body_is_rejected(string body, string reason)
    {
        var failure = Assert.Throws<CheckpointException>(() => CheckpointVerifier.Verify(CheckpointTestKey.NoteOver(body), CheckpointTestKey.VerifierKey));
        Assert.Contains(reason, failure.Message);
    }

    [Theory]
    [InlineData("fairdraw.example/ledger+ede11730", "name+keyid+key")]
    [InlineData("fairdraw.example/ledger+EDE11730+AjBZ", "lowercase hex")]
    [InlineData("fairdraw.example/ledger+ede11730+not base64!", "not valid base64")]
    [InlineData("fairdraw.example/ledger+ede11730+AjBZ", "not an ECDSA SubjectPublicKeyInfo")]
    [InlineData("fairdraw.example/ledger+ede11730+ATBZ", "not of signature type 0x02")]
    public void A_malformed_verifier_key_is_rejected(string verifierKey, string reason)
    {
        var failure = Assert.Throws<CheckpointException>(() => CheckpointVerifier.Verify(Note, verifierKey));
        Assert.Contains(reason, failure.Message);
    }

    [Fact]
    public void A_verifier_key_whose_id_does_not_match_its_key_is_rejected()
    {
        var wrongId = CheckpointTestKey.VerifierKey.Replace("+ede11730+", "+ede11731+", StringComparison.Ordinal);
        var failure = Assert.Throws<CheckpointException>(() => CheckpointVerifier.Verify(Note, wrongId));
        Assert.Contains("does not match", failure.Message);
    }

    [Fact]
    public void A_note_signed_by_another_key_of_the_same_name_is_from_an_unknown_key()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var note = new CheckpointSigner(other, CheckpointTestKey.Name).Sign(CheckpointTestKey.ThreeLeafCheckpoint());
        var failure = Assert.Throws<CheckpointException>(() => CheckpointVerifier.Verify(note, CheckpointTestKey.VerifierKey));
        Assert.Contains("unknown key", failure.Message);
    }
}
