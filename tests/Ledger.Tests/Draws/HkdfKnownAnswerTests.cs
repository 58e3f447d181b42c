using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;

namespace FairDraw.Ledger.Tests.Draws;

public sealed class HkdfKnownAnswerTests
{
    public static TheoryData<string, string, string, string, string> Rfc5869 => new()
    {
        // RFC 5869 appendix A.1, test case 1 (basic test case with SHA-256), L = 42.
        {
            "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c", "f0f1f2f3f4f5f6f7f8f9",
            "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
        },
        // RFC 5869 appendix A.3, test case 3 (zero-length salt and info), L = 42.
        {
            "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "",
            "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"
        },
    };

    [Theory]
    [MemberData(nameof(Rfc5869))]
    public void The_seed_derivation_is_RFC_5869_HKDF_SHA256(string ikm, string salt, string info, string prk, string okm)
    {
        var seed = DrawSeed.Extract(Convert.FromHexString(salt), Convert.FromHexString(ikm));
        Assert.Equal(prk, Convert.ToHexStringLower(seed.Prk));
        Assert.Equal(okm, Convert.ToHexStringLower(seed.Expand(Convert.FromHexString(info), 42)));
    }

    [Fact]
    public void A_ticket_is_the_first_32_bytes_of_HKDF_Expand_over_the_encoded_labels()
    {
        var seed = DrawSeed.Extract(new byte[32], [1, 2, 3]);
        var info = DrawEncoding.Enc("DRAW-v1", "entity", "A", "x");
        Assert.Equal(seed.Expand(info, 42)[..32], seed.Ticket("entity", "A", "x"));
    }
}
