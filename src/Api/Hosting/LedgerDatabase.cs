using FairDraw.Projections.Integrity;
using Marten;
using Npgsql;

namespace FairDraw.Api.Hosting;

/// <summary>
/// Brings the database up to the ledger's schema before anything writes: Marten's tables, then the tables Marten does
/// not manage (<see cref="LedgerSchema"/>). The API does this at start-up; each CLI verb that writes or verifies does
/// it too, since a verb may run against a database the API has not opened yet.
/// </summary>
public static class LedgerDatabase
{
    public static async Task EnsureAsync(IDocumentStore store, NpgsqlDataSource dataSource, string schema, CancellationToken cancellation)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await LedgerSchema.EnsureAsync(dataSource, schema, cancellation);
    }

    /// <summary>The same, with the store, data source and schema of a CLI verb's host.</summary>
    public static Task EnsureAsync(IServiceProvider services, CancellationToken cancellation) => EnsureAsync(
        services.GetRequiredService<IDocumentStore>(),
        services.GetRequiredService<NpgsqlDataSource>(),
        services.GetRequiredService<LedgerSettings>().Schema,
        cancellation);
}
