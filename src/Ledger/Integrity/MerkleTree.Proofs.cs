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
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, treeSize);
        var proof = new List<byte[]>();
        AppendPath(leafHashes, leafIndex, 0, treeSize, proof);
        return proof;
    }

    /// <summary>
    /// RFC 6962 section 2.1.2 PROOF(m, D[n]) = SUBPROOF(m, D[n], true). Requires 0 &lt; oldSize ≤ newSize ≤ leafHashes.Count;
    /// equal sizes give the empty proof. There is no proof from the empty tree (every tree extends it), so oldSize 0 throws.
    /// </summary>
    public static IReadOnlyList<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leafHashes, long oldSize, long newSize)
    {
        RequireLeaves(leafHashes, newSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(oldSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, newSize);
        var proof = new List<byte[]>();
        AppendSubproof(leafHashes, oldSize, 0, newSize, wholeOldTreeIsKnown: true, proof);
        return proof;
    }

    /// <summary>PATH(m, D[start:end]) with m relative to start.</summary>
    private static void AppendPath(IReadOnlyList<byte[]> leafHashes, long m, long start, long end, List<byte[]> proof)
    {
        if (end - start == 1)
        {
            return;
        }

        var k = LargestPowerOfTwoBelow(end - start);
        if (m < k)
        {
            AppendPath(leafHashes, m, start, start + k, proof);
            proof.Add(SubtreeRoot(leafHashes, start + k, end));
        }
        else
        {
            AppendPath(leafHashes, m - k, start + k, end, proof);
            proof.Add(SubtreeRoot(leafHashes, start, start + k));
        }
    }

    /// <summary>SUBPROOF(m, D[start:end], b) with m relative to start.</summary>
    private static void AppendSubproof(
        IReadOnlyList<byte[]> leafHashes, long m, long start, long end, bool wholeOldTreeIsKnown, List<byte[]> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!wholeOldTreeIsKnown)
            {
                proof.Add(SubtreeRoot(leafHashes, start, end));
            }

            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            AppendSubproof(leafHashes, m, start, start + k, wholeOldTreeIsKnown, proof);
            proof.Add(SubtreeRoot(leafHashes, start + k, end));
        }
        else
        {
            AppendSubproof(leafHashes, m - k, start + k, end, wholeOldTreeIsKnown: false, proof);
            proof.Add(SubtreeRoot(leafHashes, start, start + k));
        }
    }
}
