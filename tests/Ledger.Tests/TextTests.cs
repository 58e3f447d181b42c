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
    public void Free_text_keeps_tabs_and_line_breaks_inside()
    {
        Assert.Equal("第一条\r\n第二条\t（摘要）", Text.Required(" 第一条\r\n第二条\t（摘要）\n", "legalBasis", 1000, multiline: true));
        Assert.Equal("停业\n待核查", Text.Optional("停业\n待核查", "reason", 500, multiline: true));
    }

    /// <summary>
    /// Line breaks (LF, CR, NEL, U+2028, U+2029) and tabs are refused in a single-line field; bidirectional formatting
    /// characters (Unicode UAX #9: ALM, LRM, RLM, LRE–RLO, LRI–PDI) and unpaired surrogates in every field.
    /// </summary>
    [Theory]
    [InlineData("南明区\n示例路1号", "U+000A", true)]
    [InlineData("南明区\r示例路1号", "U+000D", true)]
    [InlineData("南明区\t示例路1号", "U+0009", true)]
    [InlineData("南明区\u0085示例路1号", "U+0085", false)]
    [InlineData("南明区\u2028示例路1号", "U+2028", false)]
    [InlineData("南明区\u2029示例路1号", "U+2029", false)]
    [InlineData("示例\u202Egnp.exe", "U+202E", false)]
    [InlineData("示例\u202A公司", "U+202A", false)]
    [InlineData("示例\u200E公司", "U+200E", false)]
    [InlineData("示例\u200F公司", "U+200F", false)]
    [InlineData("示例\u2066公司\u2069", "U+2066", false)]
    [InlineData("示例\u061C公司", "U+061C", false)]
    [InlineData("示例\u007F公司", "U+007F", false)]
    public void Single_line_fields_refuse_line_breaks_and_no_field_takes_bidirectional_controls(string value, string named, bool freeTextMayHoldIt)
    {
        var line = Assert.Throws<DomainException>(() => Text.Required(value, "address", 300));
        Assert.Equal("address", line.Field);
        Assert.Contains(named, line.Reason, StringComparison.Ordinal);
        Assert.Equal("tags", Assert.Throws<DomainException>(() => Text.Tags([value[..Math.Min(value.Length, 20)]], "tags")).Field);

        if (freeTextMayHoldIt)
        {
            Assert.Equal(value, Text.Required(value, "reason", 500, multiline: true));
        }
        else
        {
            Assert.Contains(named, Assert.Throws<DomainException>(() => Text.Required(value, "reason", 500, multiline: true)).Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unpaired_surrogate_is_refused_and_a_paired_one_is_text()
    {
        // Built here, not in [InlineData]: the test runner replaces an unpaired surrogate in theory data with U+FFFD.
        foreach (var (value, named) in new[] { ("示例" + '\uD800' + "公司", "U+D800"), ("示例公司" + '\uDC00', "U+DC00"), ("\uDC00\uD800", "U+DC00") })
        {
            Assert.Contains(named, Assert.Throws<DomainException>(() => Text.Required(value, "name", 200)).Reason, StringComparison.Ordinal);
            Assert.Contains(named, Assert.Throws<DomainException>(() => Text.Required(value, "reason", 500, multiline: true)).Reason, StringComparison.Ordinal);
        }

        Assert.Equal("𠀀示例𝒜", Text.Required("𠀀示例𝒜", "name", 200));
    }

    [Fact]
    public void At_most_twenty_tags_of_at_most_thirty_two_characters()
    {
        var twenty = Enumerable.Range(1, Text.MaxTags).Select(i => $"标签{i}").ToList();
        Assert.Equal(Text.MaxTags, Text.Tags(twenty, "tags").Count);
        Assert.Contains("21", Assert.Throws<DomainException>(() => Text.Tags([.. twenty, "再一个"], "tags")).Reason, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => Text.Tags([new string('长', Text.MaxTagLength + 1)], "tags"));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("B, C")]
    [InlineData("b")]
    public void An_enumeration_takes_exactly_a_name_or_a_label_never_a_number(string value)
    {
        var labels = new Dictionary<DayOfWeek, string> { [DayOfWeek.Sunday] = "星期日", [DayOfWeek.Monday] = "星期一" };
        Assert.Equal(DayOfWeek.Monday, Text.Enum("Monday", "day", labels));
        Assert.Equal(DayOfWeek.Monday, Text.Enum("星期一", "day", labels));
        Assert.Equal("day", Assert.Throws<DomainException>(() => Text.Enum(value, "day", labels)).Field);
    }

    [Fact]
    public void The_reason_names_the_character_and_its_position()
    {
        var error = Assert.Throws<DomainException>(() => Text.Required("ab\u0000c", "name", 200));
        Assert.Contains("U+0000", error.Reason, StringComparison.Ordinal);
        Assert.Contains("3", error.Reason, StringComparison.Ordinal);
    }
}
