using System.Text;

namespace FairDraw.Ledger.Integrity;

/// <summary>
/// Proof that the ledger held one event: its canonical bytes (as UTF-8 JSON text), its leaf index, the inclusion proof
/// to the root of a signed checkpoint, that checkpoint's signed note and the key that verifies it. Anyone can check a
/// receipt offline with <see cref="Verify"/> (or the documented steps in docs/ledger-integrity.md), without the server.
/// </summary>
public sealed record Receipt(
    string StreamKey,
    long Version,
    long Sequence,
    long LeafIndex,
    string Canonical,
    IReadOnlyList<string> InclusionProof,
    string SignedCheckpoint,
    string VerifierKey)
{
    /// <summary>
    /// Verifies the receipt: the checkpoint's signature under <paramref name="trustedVerifierKey"/> (the key the
    /// verifier already trusts, not the one the receipt carries), then the leaf hash of the canonical bytes and its
    /// inclusion in the signed root. Returns null when valid, otherwise the first failing step.
    /// </summary>
    public string? Verify(string trustedVerifierKey)
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
