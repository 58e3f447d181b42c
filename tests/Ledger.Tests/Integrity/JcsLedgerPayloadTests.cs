using System.Text;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Tests.Integrity;

public sealed class JcsLedgerPayloadTests
{
    [Theory]
    // The ledger profile (docs/ledger-integrity.md): integers only, within ±(2^53 − 1) = ±9007199254740991, written
    // plainly; anything else would change value or meaning in some reader, so decimals travel as strings.
    [InlineData("1.5")]
    [InlineData("9007199254740992")]   // 2^53
    [InlineData("-9007199254740992")]  // −2^53
    [InlineData("9007199254740993")]   // 2^53 + 1: a double reader would see 2^53
    [InlineData("1.0")]                // integral value, but not written as an integer
    [InlineData("1e2")]
    [InlineData("""{"amount":{"value":[1,2.5]}}""")]
    public void Numbers_that_are_not_safe_integers_are_rejected(string json)
    {
        var failure = Assert.Throws<JcsException>(() => Jcs.CanonicalizeLedgerPayload(Encoding.UTF8.GetBytes(json)));
        Assert.Contains("not an integer within ±(2^53−1)", failure.Message);
    }

    [Theory]
    [InlineData("""{"b":9007199254740991,"a":-9007199254740991}""", """{"a":-9007199254740991,"b":9007199254740991}""")]
    [InlineData("""{"fee":"12.50","count":0}""", """{"count":0,"fee":"12.50"}""")]
    [InlineData("-0", "0")]
    public void Safe_integers_and_decimal_strings_canonicalize_as_in_RFC_8785(string json, string canonical) =>
        Assert.Equal(canonical, Encoding.UTF8.GetString(Jcs.CanonicalizeLedgerPayload(Encoding.UTF8.GetBytes(json))));

    [Fact]
    public void The_profile_keeps_the_general_rejections()
    {
        Assert.Throws<JcsException>(() => Jcs.CanonicalizeLedgerPayload("""{"a":1,"a":1}"""u8));
        Assert.Throws<JcsException>(() => Jcs.CanonicalizeLedgerPayload("""["\udfff"]"""u8));
    }

    [Fact]
    public void The_worked_example_of_the_docs_holds()
    {
        // docs/ledger-integrity.md "Canonical JSON (JCS)": the payload's canonical bytes and their Merkle leaf hash
        // (computed independently with Python's hashlib over 0x00 || the bytes).
        var canonical = Jcs.CanonicalizeLedgerPayload("""{ "fee": "12.50", "count": 0 }"""u8);
        Assert.Equal("7b22636f756e74223a302c22666565223a2231322e3530227d", Convert.ToHexStringLower(canonical));
        Assert.Equal("e7d3a257e9c5cd2c46e1b6ba4dc8bf2a2749c01c2356059662244a34086814b6", Convert.ToHexStringLower(MerkleTree.LeafHash(canonical)));
    }
}
