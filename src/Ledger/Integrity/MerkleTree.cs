using System.Security.Cryptography;

namespace FairDraw.Ledger.Integrity;

/// <summary>
/// The RFC 6962 / RFC 9162 section 2.1 Merkle Tree Hash over SHA-256: leaf = SHA-256(0x00 || data),
/// node = SHA-256(0x01 || left || right), and a tree of n &gt; 1 leaves splits at k, the largest power of two below n.
/// Functions taking a list take leaf <em>hashes</em> (32 bytes each), never leaf data.
/// </summary>
public static partial class MerkleTree
{
    public const int HashSize = 32;

    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    /// <summary>SHA-256 of the empty string, the root of the tree with no leaves.</summary>
    public static byte[] EmptyRoot => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    public static byte[] LeafHash(ReadOnlySpan<byte> leafData)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([LeafPrefix]);
        hash.AppendData(leafData);
        return hash.GetHashAndReset();
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var length = 1 + left.Length + right.Length;
        Span<byte> input = length <= 1 + (2 * HashSize) ? stackalloc byte[length] : new byte[length];
        input[0] = NodePrefix;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + left.Length)..]);
        return SHA256.HashData(input);
    }

    public static byte[] Root(IReadOnlyList<byte[]> leafHashes) => Root(leafHashes, leafHashes.Count);

    /// <summary>MTH(D[0:treeSize]): the root of the tree made of the first <paramref name="treeSize"/> leaves.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leafHashes, long treeSize)
    {
        RequireLeaves(leafHashes, treeSize);
        return treeSize == 0 ? EmptyRoot : SubtreeRoot(leafHashes, 0, treeSize);
    }

    /// <summary>MTH(D[start:end]) for a non-empty range.</summary>
    private static byte[] SubtreeRoot(IReadOnlyList<byte[]> leafHashes, long start, long end)
    {
        if (end - start == 1)
        {
            return leafHashes[(int)start].ToArray();
        }

        var split = start + LargestPowerOfTwoBelow(end - start);
        return NodeHash(SubtreeRoot(leafHashes, start, split), SubtreeRoot(leafHashes, split, end));
    }

    /// <summary>k: the largest power of two strictly less than <paramref name="n"/> (n &gt; 1).</summary>
    private static long LargestPowerOfTwoBelow(long n) => 1L << (63 - (int)long.LeadingZeroCount(n - 1));

    private static void RequireLeaves(IReadOnlyList<byte[]> leafHashes, long treeSize)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(treeSize, leafHashes.Count);
        for (var i = 0; i < treeSize; i++)
        {
            if (leafHashes[i] is not { Length: HashSize })
            {
                throw new ArgumentException($"leaf hash {i} is not {HashSize} bytes", nameof(leafHashes));
            }
        }
    }
}
