using System.Buffers;
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

    /// <summary>Hashes per chunk of work when a tree is hashed on several cores, enough to outweigh scheduling.</summary>
    private const int ChunkSize = 8192;

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

    /// <summary>
    /// MTH over leaf <em>data</em> (a frozen pool's leaves): every leaf is hashed, then the tree is reduced as
    /// <see cref="Root(IReadOnlyList{byte[]})"/> does. Large trees are hashed on every core.
    /// </summary>
    public static byte[] RootOfLeafData(IReadOnlyList<byte[]> leafData)
    {
        ArgumentNullException.ThrowIfNull(leafData);
        if (leafData.Count == 0)
        {
            return EmptyRoot;
        }

        var level = HashLeaves(leafData);
        return Reduce(level, leafData.Count);
    }

    /// <summary>The leaf hashes of <paramref name="leafData"/> laid out one after the other (a tree's first level).</summary>
    internal static byte[] HashLeaves(IReadOnlyList<byte[]> leafData)
    {
        var longest = leafData.Count == 0 ? 0 : leafData.Max(leaf => leaf.Length);
        var level = new byte[checked(leafData.Count * HashSize)];
        Chunks.For(leafData.Count, ChunkSize, (start, end) =>
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var input = new byte[1 + longest]; // 0x00 || leaf, so that each hash is a single call into the hash provider
            input[0] = LeafPrefix;
            for (var i = start; i < end; i++)
            {
                leafData[i].CopyTo(input, 1);
                hash.AppendData(input, 0, 1 + leafData[i].Length);
                hash.GetHashAndReset(level.AsSpan(i * HashSize, HashSize));
            }
        });
        return level;
    }

    /// <summary>
    /// MTH over <paramref name="count"/> leaf hashes laid out one after the other in <paramref name="leafHashes"/>
    /// (a frozen entity pool hashes its leaves as it reads them). The array is the tree's first level and is overwritten.
    /// </summary>
    internal static byte[] RootOfLeafHashes(byte[] leafHashes, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(leafHashes.Length, checked(count * HashSize), nameof(leafHashes));
        return count == 0 ? EmptyRoot : Reduce(leafHashes, count);
    }

    /// <summary>MTH(D[start:end]) for a non-empty range.</summary>
    private static byte[] SubtreeRoot(IReadOnlyList<byte[]> leafHashes, long start, long end)
    {
        var count = (int)(end - start);
        var level = new byte[checked(count * HashSize)];
        for (var i = 0; i < count; i++)
        {
            leafHashes[(int)start + i].CopyTo(level, i * HashSize);
        }

        return Reduce(level, count);
    }

    /// <summary>
    /// The root over <paramref name="count"/> &gt; 0 node hashes laid out one after the other in <paramref name="level"/>,
    /// bottom-up: each level joins adjacent pairs and carries an odd last node up unchanged. That builds exactly the tree
    /// that RFC 6962 describes top-down (split at k, the largest power of two below n): the left part of every split is a
    /// perfect subtree, so its nodes pair up evenly and the carried node is always the rightmost one.
    /// </summary>
    private static byte[] Reduce(byte[] level, int count)
    {
        var rented = ArrayPool<byte>.Shared.Rent((count + 1) / 2 * HashSize);
        var next = rented;
        while (count > 1)
        {
            count = JoinPairs(level, next, count);
            (level, next) = (next, level);
        }

        var root = level.AsSpan(0, HashSize).ToArray();
        ArrayPool<byte>.Shared.Return(rented);
        return root;
    }

    /// <summary>
    /// Writes the level above the <paramref name="count"/> &gt; 1 nodes of <paramref name="source"/> into
    /// <paramref name="target"/> (adjacent pairs joined, an odd last node carried up unchanged) and returns its size.
    /// </summary>
    internal static int JoinPairs(byte[] source, byte[] target, int count)
    {
        var pairs = count / 2;
        Chunks.For(pairs, ChunkSize, (start, end) =>
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Span<byte> input = stackalloc byte[1 + (2 * HashSize)];
            input[0] = NodePrefix;
            for (var i = start; i < end; i++)
            {
                source.AsSpan(2 * i * HashSize, 2 * HashSize).CopyTo(input[1..]);
                hash.AppendData(input);
                hash.GetHashAndReset(target.AsSpan(i * HashSize, HashSize));
            }
        });
        if (count % 2 == 1)
        {
            source.AsSpan((count - 1) * HashSize, HashSize).CopyTo(target.AsSpan(pairs * HashSize));
        }

        return pairs + (count % 2);
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
