using System.Text;
using System.Text.Json;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Tests.Integrity;

public sealed class JcsReferenceTests
{
    public static TheoryData<string> Names => new(JcsReferenceCases.All.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Canonical_bytes_equal_the_reference_output(string name)
    {
        var (input, canonicalHex) = JcsReferenceCases.All[name];
        Assert.Equal(canonicalHex, Convert.ToHexStringLower(Jcs.Canonicalize(Encoding.UTF8.GetBytes(input))));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_parsed_element_canonicalizes_to_the_same_bytes(string name)
    {
        var (input, canonicalHex) = JcsReferenceCases.All[name];
        using var document = JsonDocument.Parse(input);
        Assert.Equal(canonicalHex, Convert.ToHexStringLower(Jcs.Canonicalize(document.RootElement)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Canonical_output_is_a_fixed_point(string name)
    {
        var canonical = Convert.FromHexString(JcsReferenceCases.All[name].CanonicalHex);
        Assert.Equal(canonical, Jcs.Canonicalize(canonical));
    }
}
