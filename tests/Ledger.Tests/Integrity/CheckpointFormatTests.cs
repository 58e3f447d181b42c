using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Tests.Integrity;

public sealed class CheckpointFormatTests
{
    [Fact]
    public void The_body_is_origin_size_and_base64_root_each_ending_in_a_newline()
    {
        // c2sp.org/tlog-checkpoint "Note text": three lines; the root is transparency-dev's size-3 root in base64.
        Assert.Equal(CheckpointTestKey.ThreeLeafBody, CheckpointTestKey.ThreeLeafCheckpoint().Body());
    }

    [Fact]
    public void The_empty_tree_has_size_0_and_the_hash_of_the_empty_string()
    {
        // tlog-checkpoint: "no leading zeroes (unless the tree is empty, in which case the tree size is 0)".
        Assert.Equal("log.example\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", new Checkpoint("log.example", 0, MerkleTree.EmptyRoot).Body());
    }

    [Theory]
    [InlineData("", 1, 32, "origin")]
    [InlineData("two\nlines", 1, 32, "origin")]
    [InlineData("log.example", -1, 32, "negative")]
    [InlineData("log.example", 1, 31, "32 bytes")]
    public void A_checkpoint_without_a_valid_body_is_refused(string origin, long size, int rootLength, string reason)
    {
        var failure = Assert.Throws<CheckpointException>(() => new Checkpoint(origin, size, new byte[rootLength]).Body());
        Assert.Contains(reason, failure.Message);
    }
}
