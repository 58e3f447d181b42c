using FairDraw.Api.Tests.Support;

namespace FairDraw.Api.Tests.Inspectors;

public sealed class InspectorDirectoryHost() : LedgerHost("test_inspectors");

[CollectionDefinition(nameof(InspectorDirectoryCollection))]
public sealed class InspectorDirectoryCollection : ICollectionFixture<InspectorDirectoryHost>;
