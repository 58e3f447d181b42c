using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Tests.Integrity;

/// <summary>
/// cosignature/v1 against a vector computed with Python's `cryptography` (Ed25519) and hashlib, independently of our
/// code: seed = SHA-256("fair-draw witness test key"), name witness.example/discipline-office, time 1796428800.
/// </summary>
public sealed class CosignatureTests
{
    public const string Name = "witness.example/discipline-office";
    public const string SeedHex = "026f142cbb5d552772b446e6fc6db920f3ce1299e9957f328a2cc46e159b93b8";
    public const string VerifierKey = "witness.example/discipline-office+60d7bbf6+BAyF0Ca3jxvA1uaY2HjKO8G497JkMbxoOIBgx+o1Odt9";
    public const long Time = 1796428800;

    public const string Line =
        "\u2014 witness.example/discipline-office YNe79gAAAABrE1QAlReJypq8I7PsPImt/ltb3+ccFChqZIV184uM9bLHSBK1xG40dEpZXwPdwddvcY3izQ00Ak3xbA/TJWjdtMpCAw==\n";

    private static Cosigner Witness() => new(Name, Convert.FromHexString(SeedHex));

    private static Checkpoint ThreeLeaves() =>
        CheckpointVerifier.Verify(CheckpointTestKey.OpenSslSignedNote, CheckpointTestKey.VerifierKey);

    [Fact]
    public void The_key_and_the_line_equal_the_independent_vector()
    {
        Assert.Equal(VerifierKey, Witness().Key.VerifierKeyText());
        Assert.Equal(Line, Witness().Cosign(ThreeLeaves(), Time));
        Assert.Equal(Witness().Key, WitnessKey.Parse(VerifierKey));
    }

    [Fact]
    public void A_note_carrying_the_line_meets_a_policy_of_that_witness()
    {
        var check = Cosignatures.Check(CheckpointTestKey.OpenSslSignedNote + Line, WitnessPolicy.Parse([VerifierKey], 1));

        Assert.True(check.Met);
        Assert.Equal(Time, Assert.Single(check.Valid).Timestamp);
        Assert.Empty(check.Problems);
        // The log's own signature still verifies with the line appended: other keys' lines are ignored.
        Assert.Equal(3, CheckpointVerifier.Verify(CheckpointTestKey.OpenSslSignedNote + Line, CheckpointTestKey.VerifierKey).TreeSize);
    }

    [Fact]
    public void A_cosignature_over_another_time_or_tree_does_not_count_and_is_named()
    {
        var otherTime = Witness().Cosign(ThreeLeaves(), Time + 1);
        var tampered = Line.Replace("YNe79gAAAABrE1QA", "YNe79gAAAABrE1QB", StringComparison.Ordinal);
        var check = Cosignatures.Check(CheckpointTestKey.OpenSslSignedNote + tampered, WitnessPolicy.Parse([VerifierKey], 1));

        Assert.NotEqual(Line, otherTime);
        Assert.False(check.Met);
        Assert.Contains("does not verify", Assert.Single(check.Problems));
    }

    [Fact]
    public void A_quorum_counts_distinct_witnesses_and_ignores_unknown_ones()
    {
        var second = new Cosigner("witness.example/credit-office", Cosigner.NewSeed());
        var stranger = new Cosigner("witness.example/stranger", Cosigner.NewSeed());
        var note = CheckpointTestKey.OpenSslSignedNote + Line + Line + stranger.Cosign(ThreeLeaves(), Time);
        var policy = new WitnessPolicy([Witness().Key, second.Key], 2);

        Assert.False(Cosignatures.Check(note, policy).Met);
        Assert.True(Cosignatures.Check(note + second.Cosign(ThreeLeaves(), Time), policy).Met);
    }

    [Theory]
    [InlineData("witness.example/discipline-office+60d7bbf7+BAyF0Ca3jxvA1uaY2HjKO8G497JkMbxoOIBgx+o1Odt9", "does not match")]
    [InlineData("witness.example/other+60d7bbf6+BAyF0Ca3jxvA1uaY2HjKO8G497JkMbxoOIBgx+o1Odt9", "does not match")]
    [InlineData("witness.example/discipline-office+60d7bbf6+AgyF0Ca3jxvA1uaY2HjKO8G497JkMbxoOIBgx+o1Odt9", "0x04")]
    [InlineData("witness.example/discipline-office+60d7bbf6", "name+keyid+key")]
    public void A_malformed_witness_key_is_refused(string text, string reason) =>
        Assert.Contains(reason, Assert.Throws<CheckpointException>(() => WitnessKey.Parse(text)).Message);

    [Fact]
    public void A_policy_needs_a_quorum_it_can_reach()
    {
        Assert.Throws<CheckpointException>(() => WitnessPolicy.Parse([VerifierKey], 2));
        Assert.Throws<CheckpointException>(() => WitnessPolicy.Parse([VerifierKey], 0));
        Assert.Throws<CheckpointException>(() => WitnessPolicy.Parse([VerifierKey, VerifierKey], 1));
    }

    [Fact]
    public void An_add_checkpoint_body_round_trips_and_malformed_ones_are_named()
    {
        byte[][] proof = [new byte[32], Enumerable.Repeat((byte)7, 32).ToArray()];
        var request = new AddCheckpointRequest(2, proof, CheckpointTestKey.OpenSslSignedNote);
        var parsed = AddCheckpointRequest.Parse(request.Body());

        Assert.StartsWith("old 2\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nBwcH", request.Body(), StringComparison.Ordinal);
        Assert.Equal((2L, CheckpointTestKey.OpenSslSignedNote), (parsed.OldSize, parsed.SignedNote));
        Assert.Equal(proof, parsed.Proof);
        Assert.Empty(AddCheckpointRequest.Parse("old 0\n\n" + CheckpointTestKey.OpenSslSignedNote).Proof);
        Assert.Contains("old <decimal size>", Assert.Throws<CheckpointException>(() => AddCheckpointRequest.Parse("old 02\n\nx")).Message);
        Assert.Contains("32-byte", Assert.Throws<CheckpointException>(() => AddCheckpointRequest.Parse("old 1\nAAAA\n\nx")).Message);
        Assert.Contains("empty line", Assert.Throws<CheckpointException>(() => AddCheckpointRequest.Parse("old 1\n")).Message);
    }
}
