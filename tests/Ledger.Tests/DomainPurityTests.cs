using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using FairDraw.Ledger.Entities;

namespace FairDraw.Ledger.Tests;

public sealed partial class DomainPurityTests
{
    [Fact]
    public void The_domain_references_only_the_base_library_NodaTime_and_BouncyCastle()
    {
        // BouncyCastle gives the Ed25519 of witness cosignatures, which the base library lacks.
        var references = typeof(Uscc).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("NodaTime", references);
        Assert.All(references, name => Assert.True(
            name is "NodaTime" or "BouncyCastle.Cryptography" or "netstandard" || name.StartsWith("System", StringComparison.Ordinal),
            $"the domain references {name}"));
    }

    /// <summary>
    /// HTTP headers belong to the Api and the names Marten stores events under (its snake_case of the type name) to the
    /// storage: no string the domain compiles may name either.
    /// </summary>
    [Fact]
    public void The_domain_names_no_HTTP_header_and_no_stored_event_type()
    {
        var domain = typeof(Uscc).Assembly;
        var stored = domain.GetTypes().Where(type => typeof(IAttributedEvent).IsAssignableFrom(type) && !type.IsAbstract)
            .Select(type => UpperCaseWord().Replace(type.Name, "_$0").TrimStart('_').ToLowerInvariant())
            .ToList();
        Assert.Contains("draw_committed", stored);

        var strings = CompiledStrings(domain.Location);
        Assert.NotEmpty(strings);
        Assert.DoesNotContain(strings, text => HeaderName().IsMatch(text));
        Assert.All(stored, name => Assert.DoesNotContain(strings, text => Regex.IsMatch(text, $@"\b{name}\b")));
    }

    /// <summary>Every string literal the assembly's code loads and every string constant it declares.</summary>
    private static List<string> CompiledStrings(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        var metadata = pe.GetMetadataReader();
        var strings = new List<string>();
        for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
        {
            strings.Add(metadata.GetUserString(handle));
        }

        var constants = Enumerable.Range(1, metadata.GetTableRowCount(TableIndex.Constant))
            .Select(row => metadata.GetConstant(MetadataTokens.ConstantHandle(row)));
        foreach (var constant in constants)
        {
            if (constant.TypeCode == ConstantTypeCode.String)
            {
                var blob = metadata.GetBlobReader(constant.Value);
                strings.Add(blob.ReadUTF16(blob.Length));
            }
        }

        return strings;
    }

    [GeneratedRegex("[A-Z]")]
    private static partial Regex UpperCaseWord();

    [GeneratedRegex(@"\bX-[A-Z][A-Za-z]*(-[A-Z][A-Za-z]*)*\b")]
    private static partial Regex HeaderName();
}
