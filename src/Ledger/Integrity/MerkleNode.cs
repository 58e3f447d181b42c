namespace FairDraw.Ledger.Integrity;

/// <summary>
/// A complete (perfect) subtree of an RFC 6962 tree: the 2^<see cref="Level"/> leaves from <see cref="Index"/>·2^Level.
/// Level 0 is a leaf. Its hash never changes once the tree has grown past it, so a log can keep it (docs/ledger-integrity.md).
/// </summary>
public readonly record struct MerkleNode(int Level, long Index)
{
    /// <summary>The first leaf index the subtree covers.</summary>
    public long Start => Index << Level;

    /// <summary>One past the last leaf index the subtree covers.</summary>
    public long End => (Index + 1) << Level;
}
