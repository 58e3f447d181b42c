using System.Text;

namespace FairDraw.Ledger.Integrity;

/// <summary>
/// Proof that the ledger held one event: its canonical bytes (as UTF-8 JSON text), its leaf index, the inclusion proof
/// to the root of a signed checkpoint, that checkpoint's cosigned note (the signed note with every witness cosignature
/// the ledger holds for it) and the key that verifies it. <paramref name="Witnessed"/> is the server's own word: null
/// when it has no witnesses configured, else whether the note meets its witness policy. Anyone can check a receipt
/// offline with <see cref="Verify"/> (or the documented steps in docs/ledger-integrity.md), without the server.
/// </summary>
public sealed record Receipt(
    string StreamKey,
    long Version,
    long Sequence,
    long LeafIndex,
    string Canonical,
    IReadOnlyList<string> InclusionProof,
    string SignedCheckpoint,
    string VerifierKey,
    bool? Witnessed = null)
{
    /// <summary>
    /// Verifies the receipt: the checkpoint's signature under <paramref name="trustedVerifierKey"/> (the key the
    /// verifier already trusts, not the one the receipt carries), then the leaf hash of the canonical bytes and its
    /// inclusion in the signed root, then — given a <paramref name="policy"/> of witness keys the verifier trusts —
    /// whether the checkpoint's cosignatures meet it.
    /// </summary>
    public ReceiptVerification Verify(string trustedVerifierKey, WitnessPolicy? policy = null)
    {
        var failure = VerifyInclusion(trustedVerifierKey);
        if (failure is not null || policy is null)
        {
            return new ReceiptVerification(failure, null);
        }

        var witnessing = Cosignatures.Check(SignedCheckpoint, policy);
        return new ReceiptVerification(witnessing.Met ? null : "witnesses: " + witnessing.Describe(), witnessing);
    }

    private string? VerifyInclusion(string trustedVerifierKey)
    {
        Checkpoint checkpoint;
        try
        {
            checkpoint = CheckpointVerifier.Verify(SignedCheckpoint, trustedVerifierKey);
        }
        catch (CheckpointException error)
        {
            return "checkpoint signature: " + error.Message;
        }

        byte[][] proof;
        try
        {
            proof = [.. InclusionProof.Select(Convert.FromHexString)];
        }
        catch (FormatException)
        {
            return "inclusion proof: not hex";
        }

        var leaf = MerkleTree.LeafHash(Encoding.UTF8.GetBytes(Canonical));
        return MerkleTree.VerifyInclusion(LeafIndex, checkpoint.TreeSize, leaf, proof, checkpoint.RootHash)
            ? null
            : $"inclusion: the event at leaf {LeafIndex} is not in the signed tree of size {checkpoint.TreeSize}";
    }
}

/// <summary>
/// What <see cref="Receipt.Verify"/> found: <see cref="Failure"/> is null when the receipt is valid (and its checkpoint
/// meets the policy, when one was given), otherwise the first failing step; <see cref="Witnessing"/> is the witness check,
/// null when it was not run.
/// </summary>
public sealed record ReceiptVerification(string? Failure, WitnessCheck? Witnessing)
{
    /// <summary>"2 of 3 witnesses cosigned (quorum 2): a, b", or that the checkpoint was not checked against witnesses.</summary>
    public string WitnessingDetail =>
        Witnessing?.Describe() ?? "the checkpoint was not checked against witnesses (no witness policy given)";
}
