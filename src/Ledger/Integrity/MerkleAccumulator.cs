namespace FairDraw.Ledger.Integrity;

/// <summary>
/// An append-only Merkle tree that keeps only its frontier ("compact range"): the roots of the perfect subtrees that
/// the binary representation of <see cref="Size"/> splits the leaves into, largest (leftmost) first. Appending is
/// amortised O(1) hashes, the root O(log n); the result always equals <see cref="MerkleTree.Root(IReadOnlyList{byte[]})"/>
/// over every leaf appended. The frontier travels as <see cref="CompactRange"/> so that a tree can resume from it.
/// </summary>
public sealed class MerkleAccumulator
{
    private readonly List<byte[]> frontier = [];

    public MerkleAccumulator()
    {
    }

    private MerkleAccumulator(long size, List<byte[]> frontier) => (Size, this.frontier) = (size, frontier);

    public long Size { get; private set; }

    /// <summary>The frontier's hashes one after the other, largest subtree first: 32 bytes per 1 bit of the size.</summary>
    public byte[] CompactRange() => [.. frontier.SelectMany(hash => hash)];

    /// <summary>
    /// The tree of <paramref name="size"/> leaves whose frontier is <paramref name="compactRange"/>, or null when the
    /// range does not have the length such a frontier has. Whether it is the frontier of the right leaves shows only by
    /// comparing <see cref="Root"/> with a trusted root.
    /// </summary>
    public static MerkleAccumulator? Resume(long size, ReadOnlySpan<byte> compactRange)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (compactRange.Length != long.PopCount(size) * MerkleTree.HashSize)
        {
            return null;
        }

        var frontier = new List<byte[]>();
        for (var offset = 0; offset < compactRange.Length; offset += MerkleTree.HashSize)
        {
            frontier.Add(compactRange.Slice(offset, MerkleTree.HashSize).ToArray());
        }

        return new MerkleAccumulator(size, frontier);
    }

    public void Append(ReadOnlySpan<byte> leafHash) => Append(leafHash, null);

    /// <summary>
    /// Appends a leaf and adds to <paramref name="completed"/> every subtree above level 0 that it completes, lowest first:
    /// the nodes a log keeps so that proofs read O(log n) hashes
    /// (<see cref="MerkleTree.InclusionProof(Func{MerkleNode, byte[]}, long, long)"/>).
    /// </summary>
    public void Append(ReadOnlySpan<byte> leafHash, ICollection<(MerkleNode Node, byte[] Hash)>? completed)
    {
        if (leafHash.Length != MerkleTree.HashSize)
        {
            throw new ArgumentException($"a leaf hash is {MerkleTree.HashSize} bytes, not {leafHash.Length}", nameof(leafHash));
        }

        // Each trailing 1 bit of the old size is a perfect subtree of the same height as the one being carried: merge.
        var carried = leafHash.ToArray();
        var level = 0;
        for (var size = Size; (size & 1) == 1; size >>= 1)
        {
            carried = MerkleTree.NodeHash(frontier[^1], carried);
            frontier.RemoveAt(frontier.Count - 1);
            level++;
            completed?.Add((new MerkleNode(level, ((Size + 1) >> level) - 1), carried));
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
