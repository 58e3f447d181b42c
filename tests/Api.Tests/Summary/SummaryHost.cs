using FairDraw.Api.Tests.Support;

namespace FairDraw.Api.Tests.Summary;

/// <summary>The year-end summary's collection: <see cref="SummaryYear"/> built once (every test only reads), served and browsed.</summary>
public sealed class SummaryHost() : BrowserHost("test_summary", new Dictionary<string, string>())
{
    protected override Task SeedAsync() => SummaryYear.BuildAsync(Ledger);
}

[CollectionDefinition(nameof(SummaryCollection))]
public sealed class SummaryCollection : ICollectionFixture<SummaryHost>;
