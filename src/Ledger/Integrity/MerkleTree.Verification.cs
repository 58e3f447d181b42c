namespace FairDraw.Ledger.Integrity;

public static partial class MerkleTree
{
    /// <summary>
    /// RFC 9162 section 2.1.3.2. False (never an exception) for any index, size, hash length or proof length that
    /// cannot belong to a valid proof; every hash must be 32 bytes.
    /// </summary>
    public static bool VerifyInclusion(
        long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (leafIndex < 0 || leafIndex >= treeSize || leafHash.Length != HashSize || root.Length != HashSize
            || !AllHashes(proof))
        {
            return false;
        }

        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>
    /// RFC 9162 section 2.1.4.2, with its precondition 0 &lt; oldSize. Equal sizes verify only with an empty proof and
    /// identical roots. A consistency proof from the empty tree is meaningless and never verifies (as in
    /// transparency-dev/merkle): a verifier starting from size 0 has nothing to check.
    /// </summary>
    public static bool VerifyConsistency(
        long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> proof)
    {
        if (oldSize < 1 || newSize < oldSize || !AllHashes(proof))
        {
            return false;
        }

        if (oldSize == newSize)
        {
            return proof.Count == 0 && oldRoot.SequenceEqual(newRoot);
        }

        if (proof.Count == 0)
        {
            return false;
        }

        var path = long.IsPow2(oldSize) ? [oldRoot.ToArray(), .. proof] : proof;
        var fn = oldSize - 1;
        var sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(oldRoot) && sr.AsSpan().SequenceEqual(newRoot);
    }

    private static bool AllHashes(IReadOnlyList<byte[]>? proof) =>
        proof is not null && proof.All(hash => hash is { Length: HashSize });
}
