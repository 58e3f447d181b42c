namespace FairDraw.Ledger.Integrity;

/// <summary>
/// An append-only Merkle tree that keeps only its frontier ("compact range"): the roots of the perfect subtrees that
/// the binary representation of <see cref="Size"/> splits the leaves into, largest (leftmost) first. Appending is
/// amortised O(1) hashes, the root O(log n); the result always equals <see cref="MerkleTree.Root(IReadOnlyList{byte[]})"/>
/// over every leaf appended.
/// </summary>
public sealed class MerkleAccumulator
{
    private readonly List<byte[]> frontier = [];

    public long Size { get; private set; }

    public void Append(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != MerkleTree.HashSize)
        {
            throw new ArgumentException($"a leaf hash is {MerkleTree.HashSize} bytes, not {leafHash.Length}", nameof(leafHash));
        }

        // Each trailing 1 bit of the old size is a perfect subtree of the same height as the one being carried: merge.
        var carried = leafHash.ToArray();
        for (var size = Size; (size & 1) == 1; size >>= 1)
        {
            carried = MerkleTree.NodeHash(frontier[^1], carried);
            frontier.RemoveAt(frontier.Count - 1);
        }

        frontier.Add(carried);
        Size++;
    }

    public byte[] Root()
    {
        if (frontier.Count == 0)
        {
            return MerkleTree.EmptyRoot;
        }

        var root = frontier[^1];
        for (var i = frontier.Count - 2; i >= 0; i--)
        {
            root = MerkleTree.NodeHash(frontier[i], root);
        }

        return root;
    }
}
