using System.Security.Cryptography;
using System.Text;
using NodaTime;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Integrity;
using FairDraw.Ledger.Tests.Support;

namespace FairDraw.Ledger.Tests.Draws;

public sealed class CommitmentTests
{
    private static readonly DrawRules Rules = new([new StratumRule("A", new SamplingRatio(3, 100))], 2, 3);

    [Theory]
    // RFC 3797 section 4: numbers of one source in ascending order, each followed by '.', the source ended by '/'.
    [InlineData(new[] { 7, 2, 7 }, "2.7.7./")]
    [InlineData(new[] { 33, 9, 17, 1 }, "1.9.17.33./")]
    [InlineData(new[] { 0 }, "0./")]
    public void Lottery_numbers_are_canonicalised_RFC_3797_style(int[] numbers, string expected) =>
        Assert.Equal(expected, SourceValue.Lottery("l", numbers).Value);

    [Fact]
    public void A_drand_signature_is_lowercase_hex() =>
        Assert.Equal("abcdef01", SourceValue.Drand("d", " ABCdef01 ").Value);

    [Fact]
    public void A_revealed_secret_that_does_not_match_its_hash_is_named()
    {
        var inputs = RandomPools.Inputs(61, Rules, ("A", 10)) with { PartySecrets = [[1], [2]] };
        var commitment = DrawRun.Of(inputs).Commitment;
        var failure = EventAssert.Fails(DomainErrorKind.Invalid, "partySecrets[1]", () => RandomnessRecord.Create(commitment, inputs.Values, [[1], [3]]));
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData([2])), failure.Reason);
    }

    [Fact]
    public void Values_must_come_in_committed_order()
    {
        var inputs = RandomPools.Inputs(62, Rules, ("A", 10));
        var commitment = DrawRun.Of(inputs).Commitment;
        EventAssert.Fails(DomainErrorKind.Invalid, "values[0]", () => RandomnessRecord.Create(commitment, [.. inputs.Values.Reverse()]));
    }

    [Fact]
    public void The_commit_hash_is_SHA256_of_the_canonical_document()
    {
        var commitment = DrawRun.Of(RandomPools.Inputs(63, Rules, ("A", 10))).Commitment;
        Assert.Equal(SHA256.HashData(commitment.CanonicalBytes), commitment.CommitHash);
        var text = Encoding.UTF8.GetString(commitment.CanonicalBytes);
        Assert.StartsWith("""{"conflictPool":{"count":""", text);
        Assert.Contains(""""ratio":"3/100"""", text);
        Assert.Contains(""""suite":"DRAW-v1-SHA256"""", text);
    }

    [Fact]
    public void Duplicate_members_and_strata_without_rules_are_refused()
    {
        EventAssert.Fails(DomainErrorKind.Invalid, "entities", () => EntityPool.Freeze([new("A", "x"), new("A", "x")]));
        EventAssert.Fails(DomainErrorKind.Invalid, "entities", () => EntityPool.Freeze([new("A", "x"), new("B", "x")]));
        EventAssert.Fails(DomainErrorKind.Invalid, "inspectors", () => InspectorPool.Freeze([new("i", "u", [], 1), new("i", "v", [], 1)]));
        EventAssert.Fails(DomainErrorKind.Invalid, "conflicts", () => ConflictPool.Freeze([new("i", "x"), new("i", "x")]));
        var inputs = RandomPools.Inputs(64, Rules, ("A", 10), ("B", 5));
        EventAssert.Fails(DomainErrorKind.Invalid, "strata", () => DrawRun.Of(inputs));
    }

    [Fact]
    public void An_id_in_two_strata_is_found_wherever_it_sorts()
    {
        // Strata of 200, 150 and 100 (indices 0–199, 200–349, 350–449); each case copies one id into another stratum.
        var entities = RandomPools.Entities(65, ("A", 200), ("BB", 150), ("C类", 100));
        Assert.Equal(450, EntityPool.Freeze(entities).Count);
        foreach (var (from, into) in new[] { (10, 300), (399, 5), (250, 420), (349, 0) })
        {
            var twice = new EntityMember(entities[into].Stratum, entities[from].Id);
            EventAssert.Fails(DomainErrorKind.Invalid, "entities", () => EntityPool.Freeze([.. entities, twice]));
        }
    }

    [Fact]
    public void Members_are_compared_after_NFC() =>
        EventAssert.Fails(DomainErrorKind.Invalid, "entities", () => EntityPool.Freeze([new("caf\u00e9", "x"), new("cafe\u0301", "x")]));

    [Theory]
    [InlineData("ids of several lengths", new[] { "b", "aa", "a", "z9", "9", "ab" })]
    [InlineData("non-ASCII ids", new[] { "91520102MA6D00001X", "9152010é", "91520102MA6D00000X", "名录Z" })]
    [InlineData("ids longer than a packed key", new[] { "91520102MA6D0000001X", "91520102MA6D0000000X", "91520102MA6D000000X" })]
    public void Ids_are_ordered_by_their_encoding_whatever_their_shape(string _, string[] ids)
    {
        var members = ids.Select(id => new EntityMember("A", id)).Concat(ids.Select(id => new EntityMember("BB", id + "-b"))).ToList();
        var pool = EntityPool.Freeze(members.AsEnumerable().Reverse());

        var bytewise = Comparer<byte[]>.Create((left, right) => DrawEncoding.CompareBytes(left, right));
        var leaves = members.Select(member => member.Leaf()).Order(bytewise).ToList();
        Assert.Equal(leaves, pool.Members.Select(member => member.Leaf()));
        Assert.Equal(MerkleTree.RootOfLeafData(leaves), pool.Root);
        EventAssert.Fails(DomainErrorKind.Invalid, "entities", () => EntityPool.Freeze([.. members, new EntityMember("A", ids[^1])]));
    }

    [Fact]
    public void A_builder_freezes_once_refuses_later_members_and_refuses_a_member_twice_on_every_attempt_within_or_across_strata()
    {
        var members = RandomPools.Entities(12, ("A", 300), ("B", 200));
        var builder = EntityPoolBuilder.From(members);
        var pool = builder.Freeze();
        Assert.Same(pool, builder.Freeze());
        Assert.Equal(EntityPool.Freeze(members.AsEnumerable().Reverse()).Root, pool.Root);
        Assert.Throws<InvalidOperationException>(() => builder.Add("A", "x"));

        foreach (var twice in new[] { EntityPoolBuilder.From([.. members, members[77]]), EntityPoolBuilder.From([.. members, new(members[^1].Stratum, members[0].Id)]) })
        {
            var first = EventAssert.Fails(DomainErrorKind.Invalid, "entities", twice.Freeze).Reason;
            Assert.Equal(first, EventAssert.Fails(DomainErrorKind.Invalid, "entities", twice.Freeze).Reason);
        }
    }

    [Fact]
    public void A_kept_copy_with_the_recorded_digest_restores_the_same_pool_and_an_edited_copy_is_refused()
    {
        var pool = EntityPool.Freeze(RandomPools.Entities(66, ("A", 200), ("BB", 150), ("C类", 100)));
        var copy = pool.Copy().ToArray();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(copy)), pool.CopySha256);
        Assert.Equal(copy.Length, pool.CopyLength);

        var restored = EntityPool.Restore(copy.ToArray(), Kept(copy, pool.Root));
        Assert.Equal(pool.Root, restored.Root);
        Assert.Equal(pool.Strata, restored.Strata);
        Assert.Equal(pool.Leaves, restored.Leaves);
        Assert.Equal(pool.Members, restored.Members);

        var kept = Kept(copy, pool.Root);
        copy[^1] ^= 1; // the last id's last character
        var refused = EventAssert.Fails(DomainErrorKind.Conflict, "pool", () => EntityPool.Restore(copy, kept));
        Assert.Contains($"not the {pool.CopySha256} the ledger recorded", refused.Reason);
    }

    [Fact]
    public void A_copy_that_is_not_a_pool_layout_is_refused_with_the_reason_even_under_its_own_digest()
    {
        var copy = EntityPool.Freeze([new("A", "x1"), new("B", "y1")]).Copy().ToArray(); // enc("A") u32(1) enc("x1") enc("B") u32(1) enc("y1")
        Assert.Contains("ends inside a value", Unreadable(copy[..^1]));
        Assert.Contains("no member count", Unreadable(copy[..5]));
        Assert.Contains("not in ascending order", Unreadable([.. copy[15..], .. copy[..15]]));
        var zero = copy.ToArray();
        zero[8] = 0;
        Assert.Contains("no member count", Unreadable(zero));
        var notUtf8 = copy.ToArray();
        notUtf8[13] = 0xff;
        Assert.Contains("not UTF-8", Unreadable(notUtf8));

        static string Unreadable(byte[] copy) =>
            EventAssert.Fails(DomainErrorKind.Conflict, "pool", () => EntityPool.Restore(copy, Kept(copy, new byte[32]))).Reason;
    }

    /// <summary>What a freeze would record of <paramref name="copy"/> kept for a pool with <paramref name="root"/>.</summary>
    private static PoolCopyKept Kept(byte[] copy, byte[] root) => new(
        "2021-520100-SJJ-T01", 1, Convert.ToHexStringLower(root), Convert.ToHexStringLower(SHA256.HashData(copy)), copy.Length, "test", Instant.FromUtc(2021, 4, 1, 9, 0));
}
