using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Tests.Integrity;

/// <summary>Laws that hold for every tree: checked on random trees of 1–300 leaves drawn from a fixed seed.</summary>
public sealed class MerkleProofProperties
{
    private const int Seed = 6962;

    public static TheoryData<int> RandomSizes()
    {
        var random = new Random(Seed);
        return new TheoryData<int>(Enumerable.Range(0, 12).Select(_ => random.Next(1, 301)).Append(1).Append(256).Append(300).Distinct());
    }

    [Theory]
    [MemberData(nameof(RandomSizes))]
    public void Every_inclusion_proof_verifies_and_no_neighbouring_claim_does(int size)
    {
        var leaves = RandomLeaves(size);
        var root = MerkleTree.Root(leaves);
        for (var index = 0; index < size; index++)
        {
            var proof = MerkleTree.InclusionProof(leaves, index, size);
            Assert.True(MerkleTree.VerifyInclusion(index, size, leaves[index], proof, root), $"leaf {index} of {size}");
            if (size > 1)
            {
                Assert.False(MerkleTree.VerifyInclusion((index + 1) % size, size, leaves[index], proof, root), $"leaf {index} of {size}, moved");
                Assert.False(MerkleTree.VerifyInclusion(index, size, leaves[index], Flipped(proof), root), $"leaf {index} of {size}, flipped");
            }
        }
    }

    [Theory]
    [MemberData(nameof(RandomSizes))]
    public void Every_consistency_proof_verifies_and_a_flipped_one_does_not(int size)
    {
        var leaves = RandomLeaves(size);
        var newRoot = MerkleTree.Root(leaves);
        for (var oldSize = 1; oldSize <= size; oldSize++)
        {
            var oldRoot = MerkleTree.Root(leaves, oldSize);
            var proof = MerkleTree.ConsistencyProof(leaves, oldSize, size);
            Assert.True(MerkleTree.VerifyConsistency(oldSize, size, oldRoot, newRoot, proof), $"{oldSize} → {size}");
            if (oldSize < size)
            {
                Assert.False(MerkleTree.VerifyConsistency(oldSize, size, oldRoot, newRoot, Flipped(proof)), $"{oldSize} → {size}, flipped");
                Assert.False(MerkleTree.VerifyConsistency(oldSize, size, newRoot, oldRoot, proof), $"{oldSize} → {size}, swapped roots");
            }
        }
    }

    [Fact]
    public void A_consistency_proof_from_the_compact_range_equals_the_full_computation()
    {
        // Random (m, n) with 1 ≤ m ≤ n ≤ 1,100 from a fixed seed, plus the edges: equal sizes, powers of two, n = m + 1.
        var random = new Random(Seed);
        var leaves = RandomLeaves(1_100);
        var pairs = Enumerable.Range(0, 400).Select(_ => random.Next(1, 1_101)).Select(n => (random.Next(1, n + 1), n))
            .Concat([(1, 1), (1, 2), (2, 3), (4, 8), (8, 9), (7, 7), (255, 256), (256, 1_024), (1_023, 1_100)]);
        foreach (var (oldSize, newSize) in pairs)
        {
            var accumulator = new MerkleAccumulator();
            leaves.Take(oldSize).ToList().ForEach(leaf => accumulator.Append(leaf));

            var fast = MerkleTree.ConsistencyProof(oldSize, accumulator.CompactRange(), leaves.GetRange(oldSize, newSize - oldSize));

            Assert.Equal(MerkleTree.ConsistencyProof(leaves, oldSize, newSize), fast);
        }
    }

    [Fact]
    public void A_consistency_proof_needs_the_compact_range_of_its_old_size()
    {
        var leaves = RandomLeaves(6);
        var accumulator = new MerkleAccumulator();
        leaves.Take(5).ToList().ForEach(leaf => accumulator.Append(leaf));

        Assert.Throws<ArgumentException>(() => MerkleTree.ConsistencyProof(4, accumulator.CompactRange(), leaves.GetRange(4, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.ConsistencyProof(0, [], leaves));
    }

    [Fact]
    public void The_accumulator_root_equals_the_tree_root_after_every_append()
    {
        var leaves = RandomLeaves(300);
        var accumulator = new MerkleAccumulator();
        Assert.Equal(MerkleTree.EmptyRoot, accumulator.Root());
        for (var size = 1; size <= leaves.Count; size++)
        {
            accumulator.Append(leaves[size - 1]);
            Assert.Equal(MerkleTree.Root(leaves, size), accumulator.Root());
        }
    }

    [Theory]
    [MemberData(nameof(RandomSizes))]
    public void A_tree_resumed_from_its_compact_range_grows_into_the_tree_of_every_leaf(int size)
    {
        var leaves = RandomLeaves(size + 40);
        var accumulator = new MerkleAccumulator();
        leaves.Take(size).ToList().ForEach(leaf => accumulator.Append(leaf));
        var range = accumulator.CompactRange();

        var resumed = MerkleAccumulator.Resume(size, range)!;
        leaves.Skip(size).ToList().ForEach(leaf => resumed.Append(leaf));

        // One 32-byte hash per 1 bit of the size (RFC 6962's perfect subtrees), then the root of all the leaves.
        Assert.Equal(long.PopCount(size) * MerkleTree.HashSize, range.Length);
        Assert.Equal(leaves.Count, resumed.Size);
        Assert.Equal(MerkleTree.Root(leaves), resumed.Root());
    }

    [Fact]
    public void A_compact_range_of_the_wrong_length_resumes_nothing()
    {
        var accumulator = new MerkleAccumulator();
        RandomLeaves(5).ForEach(leaf => accumulator.Append(leaf));

        Assert.Empty(new MerkleAccumulator().CompactRange());
        Assert.NotNull(MerkleAccumulator.Resume(5, accumulator.CompactRange()));
        Assert.Null(MerkleAccumulator.Resume(4, accumulator.CompactRange())); // one perfect subtree, not two
        Assert.Null(MerkleAccumulator.Resume(7, accumulator.CompactRange())); // three
        Assert.Null(MerkleAccumulator.Resume(5, accumulator.CompactRange()[..^1]));
    }

    [Fact]
    public void A_tree_hashed_on_several_cores_has_the_accumulator_root()
    {
        // Large enough that leaf hashing and the lowest level run in parallel chunks; the odd size carries a node up.
        var data = Enumerable.Range(0, 20_001).Select(index => BitConverter.GetBytes(index * 7919)).ToList();
        var accumulator = new MerkleAccumulator();
        foreach (var leaf in data)
        {
            accumulator.Append(MerkleTree.LeafHash(leaf));
        }

        Assert.Equal(accumulator.Root(), MerkleTree.RootOfLeafData(data));
        Assert.Equal(accumulator.Root(), MerkleTree.Root([.. data.Select(leaf => MerkleTree.LeafHash(leaf))]));
    }

    private static List<byte[]> RandomLeaves(int count)
    {
        var random = new Random(Seed + count);
        return Enumerable.Range(0, count).Select(index =>
        {
            // The index keeps leaves distinct: two equal neighbours would make "moved" claims verify legitimately.
            var data = new byte[random.Next(0, 40)];
            random.NextBytes(data);
            return MerkleTree.LeafHash([.. BitConverter.GetBytes(index), .. data]);
        }).ToList();
    }

    /// <summary>The proof with bit 0 of the last byte of its middle element flipped (the empty proof stays empty).</summary>
    private static List<byte[]> Flipped(IReadOnlyList<byte[]> proof)
    {
        var copy = proof.Select(hash => hash.ToArray()).ToList();
        if (copy.Count > 0)
        {
            copy[copy.Count / 2][^1] ^= 1;
        }

        return copy;
    }
}
