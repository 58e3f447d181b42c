using System.Globalization;

namespace FairDraw.Ledger.Integrity;

/// <summary>A C2SP tlog-checkpoint: the log's origin line, its tree size and its RFC 6962 root hash.</summary>
public sealed record Checkpoint(string Origin, long TreeSize, byte[] RootHash)
{
    /// <summary>
    /// The note text: "&lt;origin&gt;\n&lt;tree size in decimal, no leading zeros&gt;\n&lt;base64 of the 32-byte root&gt;\n"
    /// (no extension lines). Throws <see cref="CheckpointException"/> for a checkpoint that has no valid body.
    /// </summary>
    public string Body()
    {
        if (string.IsNullOrEmpty(Origin) || Origin.Any(char.IsControl))
        {
            throw new CheckpointException("the origin must be a non-empty line without control characters");
        }

        if (TreeSize < 0)
        {
            throw new CheckpointException($"the tree size {TreeSize} is negative");
        }

        if (RootHash is not { Length: MerkleTree.HashSize })
        {
            throw new CheckpointException($"the root hash must be {MerkleTree.HashSize} bytes");
        }

        return $"{Origin}\n{TreeSize.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(RootHash)}\n";
    }
}
