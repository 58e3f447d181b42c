using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;

namespace FairDraw.Ledger.Tests.Draws;

public sealed class DrawEncodingTests
{
    [Theory]
    // Expected bytes worked by hand from the definition enc(x) = u32be(len) || x (docs/draw-protocol.md §1).
    [InlineData("", "00000000")]
    [InlineData("entity", "00000006656e74697479")]
    // "A类": 'A' is 0x41, '类' U+7C7B is e7 b1 bb in UTF-8 (RFC 3629 section 3): 4 bytes.
    [InlineData("A类", "0000000441e7b1bb")]
    // "é" as e + U+0301 (NFD) is normalized to U+00E9 (NFC, UAX #15), UTF-8 c3 a9.
    [InlineData("e\u0301", "00000002c3a9")]
    [InlineData("\u00e9", "00000002c3a9")]
    public void Strings_are_length_prefixed_NFC_UTF8(string value, string expectedHex) =>
        Assert.Equal(expectedHex, Convert.ToHexStringLower(DrawEncoding.Enc(value)));

    [Fact]
    public void Byte_strings_and_sequences_concatenate_their_encodings()
    {
        Assert.Equal("00000003000102", Convert.ToHexStringLower(DrawEncoding.Enc([0, 1, 2])));
        // enc("DRAW-v1") || enc("entity"): 7 = 0x07 and 6 = 0x06 length prefixes.
        Assert.Equal("00000007" + "445241572d7631" + "00000006656e74697479", Convert.ToHexStringLower(DrawEncoding.Enc("DRAW-v1", "entity")));
    }

    [Fact]
    public void A_lone_surrogate_is_refused_rather_than_replaced() =>
        Assert.ThrowsAny<ArgumentException>(() => DrawEncoding.Enc("\ud800"));

    [Fact]
    public void The_order_is_unsigned_bytewise_with_prefixes_first()
    {
        Assert.True(DrawEncoding.CompareBytes([0x7f], [0x80]) < 0);
        Assert.True(DrawEncoding.CompareBytes([0x01], [0x01, 0x00]) < 0);
        // U+FF5E (ef bd 9e) sorts before U+1F600 (f0 9f 98 80) in UTF-8 although its UTF-16 unit is larger than 0xD83D.
        Assert.True(DrawEncoding.Utf8Order.Compare("\uff5e", "\U0001F600") < 0);
    }
}
