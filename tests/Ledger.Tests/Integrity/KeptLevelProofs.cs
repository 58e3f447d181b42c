using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Tests.Integrity;

/// <summary>
/// <see cref="MerkleLevels"/> must answer exactly what the direct computation answers (the public per-entity proofs are
/// read from kept levels): every size up to 70 (odd carries at every height) and a few random larger ones.
/// </summary>
public sealed class KeptLevelProofs
{
    public static TheoryData<int> Sizes()
    {
        var random = new Random(9162);
        return new TheoryData<int>(Enumerable.Range(1, 70).Concat(Enumerable.Range(0, 4).Select(_ => random.Next(71, 2000))));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Every_leafs_proof_and_the_root_equal_the_direct_computation(int size)
    {
        var random = new Random(size);
        var leafData = Enumerable.Range(0, size).Select(_ => RandomBytes(random, random.Next(1, 60))).ToList();
        var leafHashes = leafData.Select(leaf => MerkleTree.LeafHash(leaf)).ToList();

        var levels = MerkleLevels.OfLeafData(leafData);

        Assert.Equal(MerkleTree.Root(leafHashes), levels.Root);
        for (var index = 0; index < size; index++)
        {
            Assert.Equal(MerkleTree.InclusionProof(leafHashes, index, size), levels.InclusionProof(index));
        }
    }

    [Fact]
    public void The_empty_tree_has_the_empty_root_and_no_leaf()
    {
        var levels = MerkleLevels.OfLeafData([]);

        Assert.Equal(MerkleTree.EmptyRoot, levels.Root);
        Assert.Throws<ArgumentOutOfRangeException>(() => levels.InclusionProof(0));
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
