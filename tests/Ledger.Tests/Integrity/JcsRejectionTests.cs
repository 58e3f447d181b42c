using System.Text;
using System.Text.Json;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Tests.Integrity;

public sealed class JcsRejectionTests
{
    [Theory]
    // RFC 8785 section 3.1 requires unique names (I-JSON, RFC 7493 section 2.3); a canonical form of an ambiguous object
    // would silently pick one value.
    [InlineData("""{"a":1,"a":2}""", "duplicate object key \"a\"")]
    [InlineData("""{"x":{"b":true,"b":true}}""", "duplicate object key \"b\"")]
    // Escaped and literal spellings of one name are the same name.
    [InlineData("""{"é":1,"\u00e9":2}""", "duplicate object key \"é\"")]
    // RFC 8785 section 3.2.2.2: strings must be valid Unicode; a lone surrogate has no UTF-8 form.
    [InlineData("""["\ud800"]""", "lone surrogate U+D800")]
    [InlineData("""["x\udc00"]""", "lone surrogate U+DC00")]
    [InlineData("""{"\ud83dA":0}""", "lone surrogate U+D83D")]
    // RFC 8259 grammar, read strictly: no trailing commas, comments, leading zeros, NaN, or a second value.
    [InlineData("""{"a":1,}""", "invalid JSON")]
    [InlineData("""[1] [2]""", "invalid JSON")]
    [InlineData("// note\n1", "invalid JSON")]
    [InlineData("01", "invalid JSON")]
    [InlineData("NaN", "invalid JSON")]
    [InlineData("", "invalid JSON")]
    [InlineData("  ", "invalid JSON")]
    public void Ambiguous_or_invalid_input_is_rejected_with_its_reason(string json, string reason)
    {
        var failure = Assert.Throws<JcsException>(() => Jcs.Canonicalize(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(reason, failure.Message);
    }

    [Fact]
    public void Invalid_UTF8_inside_a_string_is_rejected()
    {
        byte[] json = [(byte)'"', 0xC3, 0x28, (byte)'"'];
        Assert.Throws<JcsException>(() => Jcs.Canonicalize(json));
    }

    [Fact]
    public void A_parsed_element_that_kept_a_duplicate_key_is_still_rejected()
    {
        // JsonDocument keeps every member as written, so the element's text still shows the duplicate.
        using var document = JsonDocument.Parse("""{"a":1,"a":2}""");
        var failure = Assert.Throws<JcsException>(() => Jcs.Canonicalize(document.RootElement));
        Assert.Contains("duplicate object key", failure.Message);
    }

    [Fact]
    public void A_surrogate_pair_is_kept_and_written_as_UTF8()
    {
        // U+1F602 escaped as its UTF-16 pair becomes the four UTF-8 bytes F0 9F 98 82 (cyberphone weird.json).
        Assert.Equal("22f09f988222", Convert.ToHexStringLower(Jcs.Canonicalize("\"\\ud83d\\ude02\""u8)));
    }
}
