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

    [Theory]
    [MemberData(nameof(PublishedProofs))]
    public void Proofs_from_the_compact_range_equal_the_published_ones(string source)
    {
        var probe = ConsistencyProbes.All[source];
        var leaves = MerkleTestTree.LeafHashes();
        var old = new MerkleAccumulator();
        leaves.Take((int)probe.OldSize).ToList().ForEach(leaf => old.Append(leaf));

        var proof = MerkleTree.ConsistencyProof(probe.OldSize, old.CompactRange(), [.. leaves.Skip((int)probe.OldSize).Take((int)(probe.NewSize - probe.OldSize))]);

        Assert.Equal(probe.Proof, proof.Select(Convert.ToBase64String));
    }

    /// <summary>
    /// The worked example of docs/ledger-integrity.md ("Consistency proofs for witnesses"): transparency-dev's first four
    /// leaves; the proof from size 3 takes two hashes from the range kept at 3 and one from the leaf added.
    /// </summary>
    [Fact]
    public void The_documented_proof_from_size_3_to_4_comes_from_the_range_and_the_new_leaf()
    {
        byte[] node01 = Convert.FromHexString("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
        byte[] leaf2 = Convert.FromHexString("0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7");
        byte[] leaf3 = MerkleTree.LeafHash([0x20, 0x21]);

        var proof = MerkleTree.ConsistencyProof(3, [.. node01, .. leaf2], [leaf3]);

        Assert.Equal("07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7", Convert.ToHexStringLower(leaf3));
        Assert.Equal([leaf2, leaf3, node01], proof);
        Assert.True(MerkleTree.VerifyConsistency(
            3, 4, Convert.FromHexString("aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77"),
            Convert.FromHexString("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"), proof));
    }
}
