namespace FairDraw.Ledger.Tests;

/// <summary>The shared validation of free text: trimmed, bounded, and without control characters PostgreSQL or a reader would trip on.</summary>
public sealed class TextTests
{
    [Theory]
    [InlineData("示例\u0000公司")]
    [InlineData("示例\u0007")]
    [InlineData("\u001B[31m示例")]
    public void Control_characters_are_refused_naming_the_field(string value)
    {
        Assert.Equal("name", Assert.Throws<DomainException>(() => Text.Required(value, "name", 200)).Field);
        Assert.Equal("address", Assert.Throws<DomainException>(() => Text.Optional(value, "address", 300)).Field);
        Assert.Equal("tags", Assert.Throws<DomainException>(() => Text.Tags(["小微", value], "tags")).Field);
    }

    [Fact]
    public void Tabs_and_line_breaks_inside_a_text_are_kept()
    {
        Assert.Equal("第一条\r\n第二条\t（摘要）", Text.Required(" 第一条\r\n第二条\t（摘要）\n", "legalBasis", 1000));
        Assert.Equal("南明区\n示例路1号", Text.Optional("南明区\n示例路1号", "address", 300));
    }

    [Fact]
    public void The_reason_names_the_character_and_its_position()
    {
        var error = Assert.Throws<DomainException>(() => Text.Required("ab\u0000c", "name", 200));
        Assert.Contains("U+0000", error.Reason, StringComparison.Ordinal);
        Assert.Contains("3", error.Reason, StringComparison.Ordinal);
    }
}
