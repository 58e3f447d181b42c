using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Tests.Integrity;

public sealed class ConsistencyProofTests
{
    public static TheoryData<string> Probes => new(ConsistencyProbes.All.Keys);

    public static TheoryData<string> PublishedProofs => new(ConsistencyProbes.All.Keys.Where(k => k is [>= '0' and <= '9', '/', ..] && k.EndsWith("/happy-path", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Probes))]
    public void Verification_agrees_with_every_transparency_dev_probe(string source)
    {
        var probe = ConsistencyProbes.All[source];
        var verified = MerkleTree.VerifyConsistency(
            probe.OldSize, probe.NewSize, Convert.FromBase64String(probe.OldRoot), Convert.FromBase64String(probe.NewRoot),
            probe.Proof.Select(Convert.FromBase64String).ToList());
        Assert.Equal(probe.Valid, verified);
    }

    [Theory]
    [MemberData(nameof(PublishedProofs))]
    public void Generated_proofs_equal_the_published_ones(string source)
    {
        var probe = ConsistencyProbes.All[source];
        var leaves = MerkleTestTree.LeafHashes();
        Assert.Equal(probe.OldRoot, Convert.ToBase64String(MerkleTree.Root(leaves, probe.OldSize)));
        Assert.Equal(probe.NewRoot, Convert.ToBase64String(MerkleTree.Root(leaves, probe.NewSize)));
        var proof = MerkleTree.ConsistencyProof(leaves, probe.OldSize, probe.NewSize);
        Assert.Equal(probe.Proof, proof.Select(Convert.ToBase64String));
    }

    [Fact]
    public void The_worked_example_of_the_docs_holds()
    {
        // docs/ledger-integrity.md "Merkle tree": from size 2 to size 3 the proof is leaf 2's hash alone.
        var leaves = MerkleTestTree.LeafHashes();
        var proof = MerkleTree.ConsistencyProof(leaves, 2, 3);
        Assert.Equal(["0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7"], proof.Select(Convert.ToHexStringLower));
        Assert.True(MerkleTree.VerifyConsistency(2, 3, MerkleTree.Root(leaves, 2), MerkleTree.Root(leaves, 3), proof));
    }

    [Theory]
    [InlineData(0, 8)]
    [InlineData(5, 4)]
    [InlineData(1, 9)]
    public void Proofs_are_not_generated_for_impossible_sizes(long oldSize, long newSize) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.ConsistencyProof(MerkleTestTree.LeafHashes(), oldSize, newSize));
}
