using FairDraw.Api.Tests.Support;

namespace FairDraw.Api.Tests.Access;

public sealed class AccessHost() : LedgerHost("test_access");

[CollectionDefinition(nameof(AccessCollection))]
public sealed class AccessCollection : ICollectionFixture<AccessHost>;
