using FairDraw.Api.Tests.Draws;

namespace FairDraw.Api.Tests.Anomalies;

/// <summary>The draws host (directory, inspectors, filed food plan) in a schema of its own for the anomaly views.</summary>
public sealed class AnomalyHost : IAsyncLifetime
{
    public DrawHost Draws { get; } = new("test_anomalies", new Dictionary<string, string>());

    public Task InitializeAsync() => Draws.InitializeAsync();

    public Task DisposeAsync() => Draws.DisposeAsync();
}

[CollectionDefinition(nameof(AnomalyCollection))]
public sealed class AnomalyCollection : ICollectionFixture<AnomalyHost>;
