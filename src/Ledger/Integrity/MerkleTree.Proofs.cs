namespace FairDraw.Ledger.Integrity;

public static partial class MerkleTree
{
    /// <summary>
    /// RFC 6962 section 2.1.1 PATH(m, D[n]): the sibling hashes from the leaf up to the root, leaf level first.
    /// Requires 0 ≤ leafIndex &lt; treeSize ≤ leafHashes.Count.
    /// </summary>
    public static IReadOnlyList<byte[]> InclusionProof(IReadOnlyList<byte[]> leafHashes, long leafIndex, long treeSize)
    {
        RequireLeaves(leafHashes, treeSize);
        RequireInclusion(leafIndex, treeSize);
        var proof = new List<byte[]>();
        AppendPath((start, end) => SubtreeRoot(leafHashes, start, end), leafIndex, 0, treeSize, proof);
        return proof;
    }

    /// <summary>
    /// RFC 6962 section 2.1.2 PROOF(m, D[n]) = SUBPROOF(m, D[n], true). Requires 0 &lt; oldSize ≤ newSize ≤ leafHashes.Count;
    /// equal sizes give the empty proof. There is no proof from the empty tree (every tree extends it), so oldSize 0 throws.
    /// </summary>
    public static IReadOnlyList<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leafHashes, long oldSize, long newSize)
    {
        RequireLeaves(leafHashes, newSize);
        RequireConsistency(oldSize, newSize);
        var proof = new List<byte[]>();
        AppendSubproof((start, end) => SubtreeRoot(leafHashes, start, end), oldSize, 0, newSize, wholeOldTreeIsKnown: true, proof);
        return proof;
    }

    /// <summary>
    /// The same proof from the tree's compact range at <paramref name="oldSize"/> (<see cref="MerkleAccumulator.CompactRange"/>)
    /// and only the leaves after it, so its cost grows with the leaves added, not the tree. Every node of a proof inside
    /// [0, oldSize) is a perfect subtree whose parent reaches past oldSize: one of the range's subtrees.
    /// Requires 0 &lt; oldSize and a range of the length a tree of that size has.
    /// </summary>
    public static IReadOnlyList<byte[]> ConsistencyProof(
        long oldSize, ReadOnlySpan<byte> oldCompactRange, IReadOnlyList<byte[]> newLeafHashes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(oldSize, 1);
        RequireLeaves(newLeafHashes, newLeafHashes.Count);
        if (oldCompactRange.Length != long.PopCount(oldSize) * HashSize)
        {
            throw new ArgumentException(
                $"a tree of {oldSize} leaves has a compact range of {long.PopCount(oldSize) * HashSize} bytes", nameof(oldCompactRange));
        }

        var ranged = new Dictionary<(long Start, long End), byte[]>();
        var (offset, index) = (0L, 0);
        for (var bit = 62; bit >= 0; bit--)
        {
            if ((oldSize & (1L << bit)) != 0)
            {
                ranged[(offset, offset + (1L << bit))] = oldCompactRange.Slice(index++ * HashSize, HashSize).ToArray();
                offset += 1L << bit;
            }
        }

        var proof = new List<byte[]>();
        AppendSubproof(
            (start, end) => start >= oldSize ? SubtreeRoot(newLeafHashes, start - oldSize, end - oldSize)
                : ranged.TryGetValue((start, end), out var node) ? node
                : throw new InvalidOperationException($"the node over leaves [{start}, {end}) is not in the compact range of {oldSize}"),
            oldSize, 0, oldSize + newLeafHashes.Count, wholeOldTreeIsKnown: true, proof);
        return proof;
    }

    /// <summary>PATH(m, D[start:end]) with m relative to start.</summary>
    private static void AppendPath(Func<long, long, byte[]> subtreeRoot, long m, long start, long end, List<byte[]> proof)
    {
        if (end - start == 1)
        {
            return;
        }

        var k = LargestPowerOfTwoBelow(end - start);
        if (m < k)
        {
            AppendPath(subtreeRoot, m, start, start + k, proof);
            proof.Add(subtreeRoot(start + k, end));
        }
        else
        {
            AppendPath(subtreeRoot, m - k, start + k, end, proof);
            proof.Add(subtreeRoot(start, start + k));
        }
    }

    /// <summary>SUBPROOF(m, D[start:end], b) with m relative to start.</summary>
    private static void AppendSubproof(
        Func<long, long, byte[]> subtreeRoot, long m, long start, long end, bool wholeOldTreeIsKnown, List<byte[]> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!wholeOldTreeIsKnown)
            {
                proof.Add(subtreeRoot(start, end));
            }

            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            AppendSubproof(subtreeRoot, m, start, start + k, wholeOldTreeIsKnown, proof);
            proof.Add(subtreeRoot(start + k, end));
        }
        else
        {
            AppendSubproof(subtreeRoot, m - k, start + k, end, wholeOldTreeIsKnown: false, proof);
            proof.Add(subtreeRoot(start, start + k));
        }
    }
}
