using FairDraw.Api.Tests.Support;

namespace FairDraw.Api.Tests.Entities;

public sealed class EntityDirectoryHost() : LedgerHost("test_entities");

[CollectionDefinition(nameof(EntityDirectoryCollection))]
public sealed class EntityDirectoryCollection : ICollectionFixture<EntityDirectoryHost>;
