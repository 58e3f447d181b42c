using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Tests.Integrity;

public sealed class InclusionProofTests
{
    public static TheoryData<string> Probes => new(InclusionProbes.All.Keys);

    public static TheoryData<string> PublishedProofs => new(InclusionProbes.All.Keys.Where(k => k is [>= '0' and <= '9', '/', ..] && k.EndsWith("/happy-path", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Probes))]
    public void Verification_agrees_with_every_transparency_dev_probe(string source)
    {
        var probe = InclusionProbes.All[source];
        var verified = MerkleTree.VerifyInclusion(
            probe.LeafIndex, probe.TreeSize, Convert.FromBase64String(probe.LeafHash),
            probe.Proof.Select(Convert.FromBase64String).ToList(), Convert.FromBase64String(probe.Root));
        Assert.Equal(probe.Valid, verified);
    }

    [Theory]
    [MemberData(nameof(PublishedProofs))]
    public void Generated_proofs_equal_the_published_ones(string source)
    {
        var probe = InclusionProbes.All[source];
        var leaves = MerkleTestTree.LeafHashes();
        Assert.Equal(probe.LeafHash, Convert.ToBase64String(leaves[(int)probe.LeafIndex]));
        Assert.Equal(probe.Root, Convert.ToBase64String(MerkleTree.Root(leaves, probe.TreeSize)));
        var proof = MerkleTree.InclusionProof(leaves, probe.LeafIndex, probe.TreeSize);
        Assert.Equal(probe.Proof, proof.Select(Convert.ToBase64String));
    }

    [Theory]
    [InlineData(-1, 8)]
    [InlineData(8, 8)]
    [InlineData(0, 9)]
    public void Proofs_are_not_generated_outside_the_tree(long leafIndex, long treeSize) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.InclusionProof(MerkleTestTree.LeafHashes(), leafIndex, treeSize));
}
