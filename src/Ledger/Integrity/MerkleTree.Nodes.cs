namespace FairDraw.Ledger.Integrity;

public static partial class MerkleTree
{
    /// <summary>
    /// The complete subtrees that MTH(D[start:end]) folds, largest (leftmost) first: one per 1 bit of end − start. Every
    /// range an RFC 6962 proof names starts at a multiple of a power of two at least as large as it, so they are aligned.
    /// </summary>
    public static IReadOnlyList<MerkleNode> CompleteSubtrees(long start, long end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(end, start);
        var nodes = new List<MerkleNode>();
        for (var (level, offset) = (62, start); level >= 0; level--)
        {
            if (((end - start) & (1L << level)) == 0)
            {
                continue;
            }

            if ((offset & ((1L << level) - 1)) != 0)
            {
                throw new ArgumentException($"the range [{start}, {end}) is not aligned to complete subtrees");
            }

            nodes.Add(new MerkleNode(level, offset >> level));
            offset += 1L << level;
        }

        return nodes;
    }

    /// <summary>The complete subtrees whose hashes <see cref="InclusionProof(Func{MerkleNode, byte[]}, long, long)"/> reads.</summary>
    public static IReadOnlyList<MerkleNode> InclusionNodes(long leafIndex, long treeSize)
    {
        RequireInclusion(leafIndex, treeSize);
        var nodes = new List<MerkleNode>();
        AppendPath(Recording(nodes), leafIndex, 0, treeSize, []);
        return nodes;
    }

    /// <summary>The complete subtrees whose hashes <see cref="ConsistencyProof(Func{MerkleNode, byte[]}, long, long)"/> reads.</summary>
    public static IReadOnlyList<MerkleNode> ConsistencyNodes(long oldSize, long newSize)
    {
        RequireConsistency(oldSize, newSize);
        var nodes = new List<MerkleNode>();
        AppendSubproof(Recording(nodes), oldSize, 0, newSize, wholeOldTreeIsKnown: true, []);
        return nodes;
    }

    /// <summary>
    /// PATH(m, D[n]) from the hashes of complete subtrees (<paramref name="node"/>, e.g. a stored node table): O(log n)
    /// nodes, and equal to <see cref="InclusionProof(IReadOnlyList{byte[]}, long, long)"/> when the nodes are right.
    /// </summary>
    public static IReadOnlyList<byte[]> InclusionProof(Func<MerkleNode, byte[]> node, long leafIndex, long treeSize)
    {
        RequireInclusion(leafIndex, treeSize);
        var proof = new List<byte[]>();
        AppendPath(Folding(node), leafIndex, 0, treeSize, proof);
        return proof;
    }

    /// <summary>
    /// PROOF(m, D[n]) from the hashes of complete subtrees, as <see cref="InclusionProof(Func{MerkleNode, byte[]}, long, long)"/>.
    /// </summary>
    public static IReadOnlyList<byte[]> ConsistencyProof(Func<MerkleNode, byte[]> node, long oldSize, long newSize)
    {
        RequireConsistency(oldSize, newSize);
        var proof = new List<byte[]>();
        AppendSubproof(Folding(node), oldSize, 0, newSize, wholeOldTreeIsKnown: true, proof);
        return proof;
    }

    private static Func<long, long, byte[]> Recording(List<MerkleNode> nodes) => (start, end) =>
    {
        nodes.AddRange(CompleteSubtrees(start, end));
        return [];
    };

    /// <summary>MTH(D[start:end]) folded right to left from its complete subtrees, as a tree's root is from its frontier.</summary>
    private static Func<long, long, byte[]> Folding(Func<MerkleNode, byte[]> node) => (start, end) =>
    {
        var subtrees = CompleteSubtrees(start, end);
        var root = node(subtrees[^1]);
        for (var i = subtrees.Count - 2; i >= 0; i--)
        {
            root = NodeHash(node(subtrees[i]), root);
        }

        return root;
    };

    private static void RequireInclusion(long leafIndex, long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, treeSize);
    }

    private static void RequireConsistency(long oldSize, long newSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(oldSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, newSize);
    }
}
