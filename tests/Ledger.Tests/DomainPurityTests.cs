using FairDraw.Ledger.Entities;

namespace FairDraw.Ledger.Tests;

public sealed class DomainPurityTests
{
    [Fact]
    public void The_domain_references_only_the_base_library_and_NodaTime()
    {
        var references = typeof(Uscc).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("NodaTime", references);
        Assert.All(references, name => Assert.True(
            name == "NodaTime" || name == "netstandard" || name.StartsWith("System", StringComparison.Ordinal),
            $"the domain references {name}"));
    }
}
