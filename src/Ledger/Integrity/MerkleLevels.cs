namespace FairDraw.Ledger.Integrity;

/// <summary>
/// Every level of an RFC 6962 tree, kept so that any leaf's inclusion proof is read off in O(log n) instead of hashing
/// the tree again: level 0 holds the leaf hashes, each level above joins adjacent pairs and carries an odd last node up
/// (the tree <see cref="MerkleTree.Root(IReadOnlyList{byte[]})"/> builds), the top holds the root.
/// </summary>
public sealed class MerkleLevels
{
    private readonly byte[][] _levels;

    private MerkleLevels(byte[][] levels, int count) => (_levels, Count) = (levels, count);

    /// <summary>The number of leaves.</summary>
    public int Count { get; }

    /// <summary>The bytes the levels hold (about twice the leaf hashes').</summary>
    public long Bytes => _levels.Sum(level => (long)level.Length);

    public byte[] Root => Count == 0 ? MerkleTree.EmptyRoot : _levels[^1].AsSpan(0, MerkleTree.HashSize).ToArray();

    /// <summary>Hashes <paramref name="leafData"/> and every level above it (on every core for large trees).</summary>
    public static MerkleLevels OfLeafData(IReadOnlyList<byte[]> leafData)
    {
        ArgumentNullException.ThrowIfNull(leafData);
        var levels = new List<byte[]> { MerkleTree.HashLeaves(leafData) };
        for (var count = leafData.Count; count > 1;)
        {
            var next = new byte[(count + 1) / 2 * MerkleTree.HashSize];
            count = MerkleTree.JoinPairs(levels[^1], next, count);
            levels.Add(next);
        }

        return new MerkleLevels([.. levels], leafData.Count);
    }

    /// <summary>
    /// PATH(m, D[n]) of RFC 6962 section 2.1.1, leaf level first, equal to
    /// <see cref="MerkleTree.InclusionProof(IReadOnlyList{byte[]}, long, long)"/>: at each level the node's sibling,
    /// except where the node is an odd last one carried up without a sibling.
    /// </summary>
    public IReadOnlyList<byte[]> InclusionProof(int leafIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, Count);
        var proof = new List<byte[]>();
        var (index, count) = (leafIndex, Count);
        for (var level = 0; count > 1; level++)
        {
            var sibling = index ^ 1;
            if (sibling < count)
            {
                proof.Add(_levels[level].AsSpan(sibling * MerkleTree.HashSize, MerkleTree.HashSize).ToArray());
            }

            (index, count) = (index / 2, (count + 1) / 2);
        }

        return proof;
    }
}
