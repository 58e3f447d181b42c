using CsCheck;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Tests.Integrity;

/// <summary>
/// Proofs read from a store of complete subtrees (the nodes <see cref="MerkleAccumulator"/> reports as it grows, the way
/// the log keeps them) equal the proofs computed from every leaf, for random tree sizes, indices and old sizes.
/// </summary>
public sealed class StoredNodeProofProperties
{
    private const int Largest = 2_100;

    internal static readonly List<byte[]> Leaves = [.. Enumerable.Range(0, Largest)
        .Select(index => MerkleTree.LeafHash(BitConverter.GetBytes(index * 2_654_435_761L)))];

    private static readonly Dictionary<MerkleNode, byte[]> Stored = StoreNodes();

    private static Dictionary<MerkleNode, byte[]> StoreNodes()
    {
        var completed = new List<(MerkleNode Node, byte[] Hash)>();
        var accumulator = new MerkleAccumulator();
        Leaves.ForEach(leaf => accumulator.Append(leaf, completed));
        var nodes = completed.ToDictionary(entry => entry.Node, entry => entry.Hash);
        for (var index = 0; index < Largest; index++)
        {
            nodes[new MerkleNode(0, index)] = Leaves[index];
        }

        return nodes;
    }

    /// <summary>A complete subtree's hash from the store, as <c>ledger_nodes</c> gives it (the multi-leaf proofs read it too).</summary>
    internal static byte[] Read(MerkleNode node) => Stored[node];

    [Fact]
    public void The_accumulator_reports_each_complete_subtree_once_with_its_root()
    {
        var reported = Stored.Keys.Where(node => node.Level > 0).ToList();

        Assert.Equal(Largest - long.PopCount(Largest), reported.Count); // a tree of n leaves has n − popcount(n) of them
        Assert.All(reported, node => Assert.Equal(MerkleTree.Root(Leaves.GetRange((int)node.Start, 1 << node.Level)), Stored[node]));
    }

    [Fact]
    public void An_inclusion_proof_from_stored_nodes_equals_the_one_from_every_leaf()
    {
        Gen.Int[1, Largest].SelectMany(size => Gen.Int[0, size - 1].Select(index => (size, index))).Sample(pair =>
        {
            var (size, index) = pair;
            var nodes = MerkleTree.InclusionNodes(index, size);

            Assert.Equal(MerkleTree.InclusionProof(Leaves, index, size), MerkleTree.InclusionProof(Read, index, size));
            Assert.InRange(nodes.Count, 0, 2 * (64 - long.LeadingZeroCount(size))); // O(log n) reads
            Assert.All(nodes, node => Assert.True(node.End <= size, $"{node} lies beyond a tree of {size}"));
        }, iter: 3_000);
    }

    [Fact]
    public void A_consistency_proof_from_stored_nodes_equals_the_one_from_every_leaf()
    {
        Gen.Int[1, Largest].SelectMany(size => Gen.Int[1, size].Select(old => (old, size))).Sample(pair =>
        {
            var (oldSize, newSize) = pair;
            var nodes = MerkleTree.ConsistencyNodes(oldSize, newSize);

            Assert.Equal(MerkleTree.ConsistencyProof(Leaves, oldSize, newSize), MerkleTree.ConsistencyProof(Read, oldSize, newSize));
            Assert.InRange(nodes.Count, 0, 3 * (64 - long.LeadingZeroCount(newSize)));
        }, iter: 3_000);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(4, 8)]
    [InlineData(255, 256)]
    [InlineData(1_024, 2_048)]
    [InlineData(2_047, 2_100)]
    public void The_edges_agree_too(int oldSize, int newSize)
    {
        Assert.Equal(MerkleTree.ConsistencyProof(Leaves, oldSize, newSize), MerkleTree.ConsistencyProof(Read, oldSize, newSize));
        Assert.Equal(MerkleTree.InclusionProof(Leaves, oldSize - 1, newSize), MerkleTree.InclusionProof(Read, oldSize - 1, newSize));
    }

    [Fact]
    public void A_wrong_stored_node_gives_a_proof_that_fails_verification()
    {
        var (index, size) = (5, 1_000);
        var honest = MerkleTree.InclusionProof(Read, index, size);
        var altered = MerkleTree.InclusionNodes(index, size)[0];

        var proof = MerkleTree.InclusionProof(node => node == altered ? MerkleTree.LeafHash([1]) : Read(node), index, size);

        Assert.NotEqual(honest, proof);
        Assert.False(MerkleTree.VerifyInclusion(index, size, Leaves[index], proof, MerkleTree.Root(Leaves, size)));
    }
}
