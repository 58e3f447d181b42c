using FairDraw.Ledger.Entities;

namespace FairDraw.Ledger.Tests.Entities;

public sealed class UsccTests
{
    [Theory]
    // The two examples of the domain brief (GB 32100-2015 facts).
    [InlineData("91350100M000100Y43")]
    [InlineData("914403001922038216")]
    // Computed with an independent script from the brief's algorithm: organisation check 'X' (11 − r = 10),
    // organisation check '0' (11 − r = 11), and a civil-affairs code (department 5) whose code check is '0' (31 → 0).
    [InlineData("91520102MA6DKXA7XP")]
    [InlineData("91520102MA6DKXAC03")]
    [InlineData("525201021234567610")]
    public void Accepts_valid_codes(string code)
    {
        Assert.True(Uscc.TryParse(code, out var parsed, out var reason), reason);
        Assert.Equal(code, parsed.Value.Value);
    }

    [Theory]
    // Check character 18 wrong: the brief's first example with its last character changed (expected '3').
    [InlineData("91350100M000100Y44", "18", "'3'")]
    // Check character 17 wrong: the second example with character 17 changed (expected '1').
    [InlineData("914403001922038226", "17", "'1'")]
    public void Names_the_expected_check_character(string code, string position, string expected)
    {
        Assert.False(Uscc.TryParse(code, out _, out var reason));
        Assert.Contains($"check character {position}", reason);
        Assert.Contains($"expected {expected}", reason);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(" 91350100M000100Y43", "white space")]
    [InlineData("91350100M000100Y43\t", "white space")]
    [InlineData("91350100M000100Y43\u3000", "white space")]
    [InlineData("91350100M000100Y4", "18 characters")]
    [InlineData("91350100M000100Y433", "18 characters")]
    [InlineData("91350100I000100Y43", "character 9 'I'")]
    [InlineData("91350100M000100O43", "character 16 'O'")]
    [InlineData("9135010OM000100Y43", "character 8 'O'")]
    [InlineData("91350100m000100Y43", "character 9 'm'")]
    public void Rejects_malformed_codes(string code, string reasonPart)
    {
        Assert.False(Uscc.TryParse(code, out _, out var reason));
        Assert.Contains(reasonPart, reason);
    }

    [Fact]
    public void Complete_produces_codes_that_parse_and_carry_their_parts()
    {
        var code = Uscc.Complete("93520181MA6HXB9L");
        Assert.Equal(('9', '3', "520181"), (code.Department, code.Kind, code.DivisionCode));
        Assert.True(Uscc.TryParse(code.Value, out _, out _));
    }

    [Fact]
    public void Every_single_character_substitution_of_a_valid_code_is_detected()
    {
        // Property: the code check (mod 31 with weights coprime to 31) detects any single substitution.
        const string valid = "91350100M000100Y43";
        foreach (var position in Enumerable.Range(0, 18))
        {
            foreach (var symbol in Uscc.Alphabet.Where(c => c != valid[position]))
            {
                var changed = valid[..position] + symbol + valid[(position + 1)..];
                Assert.False(Uscc.TryParse(changed, out _, out _), changed);
            }
        }
    }
}
