namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// The draws host in a schema of its own for the typed-adjustment and cheap-freeze checks, so that the draws collection
/// keeps its order (its concurrent-substitution scenario needs its two requests to overlap).
/// </summary>
public sealed class DrawChecksHost : IAsyncLifetime
{
    public DrawHost Draws { get; } = new("test_draw_checks", new Dictionary<string, string>());

    public Task InitializeAsync() => Draws.InitializeAsync();

    public Task DisposeAsync() => Draws.DisposeAsync();
}

[CollectionDefinition(nameof(DrawChecksCollection))]
public sealed class DrawChecksCollection : ICollectionFixture<DrawChecksHost>;
