using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Tests.Integrity;

public sealed class MerkleRootTests
{
    public static TheoryData<int> Sizes => new(Enumerable.Range(0, 9));

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Roots_of_the_reference_tree_match_transparency_dev(int size)
    {
        var leaves = MerkleTestTree.LeafHashes();
        Assert.Equal(MerkleTestTree.Roots[size], Convert.ToHexStringLower(MerkleTree.Root(leaves, size)));
        Assert.Equal(MerkleTestTree.Roots[size], Convert.ToHexStringLower(MerkleTree.Root(leaves.Take(size).ToList())));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_accumulator_reaches_the_same_roots(int size)
    {
        var accumulator = new MerkleAccumulator();
        foreach (var leaf in MerkleTestTree.LeafHashes().Take(size))
        {
            accumulator.Append(leaf);
        }

        Assert.Equal((long)size, accumulator.Size);
        Assert.Equal(MerkleTestTree.Roots[size], Convert.ToHexStringLower(accumulator.Root()));
    }

    [Fact]
    public void Hashes_are_domain_separated_as_RFC_6962_section_2_1_states()
    {
        // RFC 6962 2.1: MTH({}) = SHA-256(""), leaf = SHA-256(0x00 || d), node = SHA-256(0x01 || l || r).
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(MerkleTree.EmptyRoot));
        // SHA-256 of the single byte 0x00, the leaf hash of the empty leaf (testonly NodeHashes()[0][0]).
        Assert.Equal("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", Convert.ToHexStringLower(MerkleTree.LeafHash([])));
        var leaves = MerkleTestTree.LeafHashes();
        // NodeHashes()[1][0]: the parent of the first two leaves.
        Assert.Equal("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125", Convert.ToHexStringLower(MerkleTree.NodeHash(leaves[0], leaves[1])));
    }

    [Fact]
    public void Leaf_hashes_that_are_not_32_bytes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MerkleTree.Root([new byte[31]]));
        Assert.Throws<ArgumentException>(() => new MerkleAccumulator().Append(new byte[33]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.Root(MerkleTestTree.LeafHashes(), 9));
    }
}
