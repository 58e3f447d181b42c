using CsCheck;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Tests.Integrity;

/// <summary>
/// The multi-leaf inclusion proof of the duty bundle (docs/duty-report.md §7): for random tree sizes and random sets of
/// leaves it verifies, reads only complete subtrees inside the tree, is never longer than the separate proofs together,
/// and fails for a changed leaf, a moved index, a changed, missing or extra proof hash.
/// </summary>
public sealed class MultiInclusionProofProperties
{
    private const int Largest = 2_100;

    private static List<byte[]> Leaves => StoredNodeProofProperties.Leaves;

    private static byte[] Read(MerkleNode node) => StoredNodeProofProperties.Read(node);

    private static readonly Gen<(int Size, long[] Indexes)> Sets =
        Gen.Int[1, Largest].SelectMany(size => Gen.Int[0, size - 1].HashSet[1, Math.Min(size, 60)]
            .Select(set => (size, set.Order().Select(index => (long)index).ToArray())));

    private static List<byte[]> Hashes(long[] indexes) => [.. indexes.Select(index => Leaves[(int)index])];

    [Fact]
    public void A_proof_of_any_set_of_leaves_verifies_and_costs_no_more_than_their_separate_proofs()
    {
        Sets.Sample(set =>
        {
            var (size, indexes) = set;
            var proof = MerkleTree.MultiInclusionProof(Read, indexes, size);
            var root = MerkleTree.Root(Leaves, size);

            Assert.True(MerkleTree.VerifyMultiInclusion(indexes, Hashes(indexes), size, proof, root));
            var nodes = MerkleTree.MultiInclusionNodes(indexes, size);
            Assert.InRange(proof.Count, 0, nodes.Count);
            Assert.All(nodes, node => Assert.True(node.End <= size, $"{node} lies beyond a tree of {size}"));
            Assert.All(nodes, node => Assert.DoesNotContain(indexes, index => index >= node.Start && index < node.End));
            Assert.InRange(proof.Count, 0, indexes.Sum(index => MerkleTree.InclusionProof(Leaves, index, size).Count));
        }, iter: 2_000);
    }

    [Fact]
    public void A_changed_leaf_a_moved_index_or_a_changed_missing_or_extra_proof_hash_fails()
    {
        Sets.Where(set => set.Indexes.Length < set.Size).Sample(set =>
        {
            var (size, indexes) = set;
            var proof = MerkleTree.MultiInclusionProof(Read, indexes, size).ToList();
            var root = MerkleTree.Root(Leaves, size);
            var hashes = Hashes(indexes);
            var changed = new List<byte[]>(hashes) { [0] = MerkleTree.LeafHash([7, 7, 7]) };
            var free = Enumerable.Range(0, size).Select(index => (long)index).Except(indexes).First();
            var moved = indexes.Where(index => index != indexes[0]).Append(free).Order().ToArray();
            var movedHashes = moved.Select(index => index == free ? Leaves[(int)indexes[0]] : Leaves[(int)index]).ToList();

            Assert.False(MerkleTree.VerifyMultiInclusion(indexes, changed, size, proof, root));
            Assert.False(MerkleTree.VerifyMultiInclusion(moved, movedHashes, size, proof, root));
            Assert.False(MerkleTree.VerifyMultiInclusion(indexes, hashes, size, [.. proof, Leaves[0]], root));
            if (proof.Count > 0)
            {
                Assert.False(MerkleTree.VerifyMultiInclusion(indexes, hashes, size, proof[1..], root));
                Assert.False(MerkleTree.VerifyMultiInclusion(indexes, hashes, size, [MerkleTree.LeafHash([9]), .. proof[1..]], root));
            }
        }, iter: 1_000);
    }

    [Fact]
    public void Indexes_out_of_order_or_range_fail_and_no_leaves_are_proved_by_an_empty_proof_only()
    {
        var root = MerkleTree.Root(Leaves, 10);
        var proof = MerkleTree.MultiInclusionProof(Read, [2, 5], 10);

        Assert.True(MerkleTree.VerifyMultiInclusion([2, 5], Hashes([2, 5]), 10, proof, root));
        Assert.False(MerkleTree.VerifyMultiInclusion([5, 2], Hashes([5, 2]), 10, proof, root));
        Assert.False(MerkleTree.VerifyMultiInclusion([2, 2], Hashes([2, 2]), 10, proof, root));
        Assert.False(MerkleTree.VerifyMultiInclusion([2, 10], Hashes([2, 9]), 10, proof, root));
        Assert.True(MerkleTree.VerifyMultiInclusion([], [], 10, [], root));
        Assert.False(MerkleTree.VerifyMultiInclusion([], [], 10, [root], root));
        Assert.Throws<ArgumentException>(() => MerkleTree.MultiInclusionProof(Read, [5, 2], 10));
    }

    [Fact]
    public void A_run_of_neighbouring_leaves_costs_about_log_n_hashes()
    {
        long[] run = [.. Enumerable.Range(256, 128).Select(index => (long)index)];

        Assert.Equal(2, MerkleTree.MultiInclusionProof(Read, run, 512).Count); // [0, 256) and [384, 512)
        Assert.Equal(128 * 9, run.Sum(index => MerkleTree.InclusionProof(Leaves, index, 512).Count));
    }
}
