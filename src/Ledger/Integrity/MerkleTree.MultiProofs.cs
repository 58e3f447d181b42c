namespace FairDraw.Ledger.Integrity;

public static partial class MerkleTree
{
    // A multi-leaf inclusion proof (docs/duty-report.md §7, "The events' inclusion proof"): the roots of the maximal
    // subtrees of RFC 6962's split that hold none of the proved leaves, left to right. Leaves next to each other share
    // their path, so a run of k leaves costs about log n hashes instead of k · log n.

    /// <summary>The complete subtrees whose hashes <see cref="MultiInclusionProof"/> folds, in the order it reads them.</summary>
    public static IReadOnlyList<MerkleNode> MultiInclusionNodes(IReadOnlyList<long> leafIndexes, long treeSize) =>
        [.. AbsentRanges(leafIndexes, treeSize).SelectMany(range => CompleteSubtrees(range.Start, range.End))];

    /// <summary>
    /// The multi-leaf inclusion proof of <paramref name="leafIndexes"/> (strictly ascending, below
    /// <paramref name="treeSize"/>) from the hashes of complete subtrees (<paramref name="node"/>, e.g. the stored table).
    /// </summary>
    public static IReadOnlyList<byte[]> MultiInclusionProof(Func<MerkleNode, byte[]> node, IReadOnlyList<long> leafIndexes, long treeSize)
    {
        var root = Folding(node);
        return [.. AbsentRanges(leafIndexes, treeSize).Select(range => root(range.Start, range.End))];
    }

    /// <summary>
    /// Whether <paramref name="proof"/> proves the leaves (strictly ascending indexes with their leaf hashes) in the tree
    /// of <paramref name="treeSize"/> with <paramref name="root"/>: the root folded from them equals it, every proof
    /// hash used. False for indexes out of order or range; no leaves are proved by an empty proof only.
    /// </summary>
    public static bool VerifyMultiInclusion(
        IReadOnlyList<long> leafIndexes, IReadOnlyList<byte[]> leafHashes, long treeSize, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (leafIndexes.Count != leafHashes.Count || !Ascending(leafIndexes, treeSize))
        {
            return false;
        }

        if (leafIndexes.Count == 0)
        {
            return proof.Count == 0;
        }

        var (leaf, used) = (0, 0);
        var folded = Fold(0, treeSize);
        return folded is not null && used == proof.Count && folded.AsSpan().SequenceEqual(root);

        byte[]? Fold(long start, long end)
        {
            if (leaf == leafIndexes.Count || leafIndexes[leaf] >= end)
            {
                return used < proof.Count ? proof[used++] : null;
            }

            if (end - start == 1)
            {
                return leafHashes[leaf++];
            }

            var k = LargestPowerOfTwoBelow(end - start);
            var left = Fold(start, start + k);
            var right = left is null ? null : Fold(start + k, end);
            return right is null ? null : NodeHash(left!, right);
        }
    }

    /// <summary>The maximal ranges of the split of [0, treeSize) that hold none of the leaves, left to right; none for no leaves.</summary>
    private static List<(long Start, long End)> AbsentRanges(IReadOnlyList<long> leafIndexes, long treeSize)
    {
        if (!Ascending(leafIndexes, treeSize))
        {
            throw new ArgumentException("the leaf indexes must be strictly ascending and below the tree size", nameof(leafIndexes));
        }

        var (leaf, ranges) = (0, new List<(long, long)>());
        if (leafIndexes.Count > 0)
        {
            Walk(0, treeSize);
        }

        return ranges;

        void Walk(long start, long end)
        {
            if (leaf == leafIndexes.Count || leafIndexes[leaf] >= end)
            {
                ranges.Add((start, end));
            }
            else if (end - start == 1)
            {
                leaf++;
            }
            else
            {
                var k = LargestPowerOfTwoBelow(end - start);
                Walk(start, start + k);
                Walk(start + k, end);
            }
        }
    }

    private static bool Ascending(IReadOnlyList<long> leafIndexes, long treeSize)
    {
        for (var i = 0; i < leafIndexes.Count; i++)
        {
            if (leafIndexes[i] < 0 || leafIndexes[i] >= treeSize || (i > 0 && leafIndexes[i] <= leafIndexes[i - 1]))
            {
                return false;
            }
        }

        return true;
    }
}
