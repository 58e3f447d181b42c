using FairDraw.Projections.Integrity;
using JasperFx.Resources;
using Npgsql;

namespace FairDraw.Api.Hosting;

/// <summary>
/// The ledger's database schema: applied once by its owner (the <c>migrate</c> verb), then only used by the service's
/// application role, which may not change it (docs/architecture.md, "Database roles").
/// </summary>
public static class LedgerDatabase
{
    /// <summary>
    /// Marten's tables, Wolverine's envelope tables, then the tables Marten does not manage (<see cref="LedgerSchema"/>),
    /// the complete subtrees of a log kept before they were (<see cref="LedgerNodes.FillAsync"/>) and, unless the service
    /// connects as the owner itself, <paramref name="applicationRole"/>'s grants.
    /// </summary>
    public static async Task MigrateAsync(IHost host, string? applicationRole, CancellationToken cancellation)
    {
        var services = host.Services;
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var schema = services.GetRequiredService<LedgerSettings>().Schema;
        // Marten's and Wolverine's own tables, as their `resources setup` does: whatever AutoCreate says at start-up.
        await host.SetupResources(cancellation);
        await LedgerSchema.EnsureAsync(dataSource, schema, cancellation);
        await LedgerNodes.FillAsync(dataSource, schema, cancellation);
        if (applicationRole is not null)
        {
            await LedgerSchema.GrantAsync(dataSource, schema, applicationRole, cancellation);
        }
    }

    /// <summary>
    /// Stops the server or a verb before its first write, with an error naming <c>migrate</c>, when the schema was never
    /// applied (the service may not create it).
    /// </summary>
    public static async Task RequireMigratedAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellation)
    {
        if (!await LedgerSchema.AppliedAsync(dataSource, schema, cancellation))
        {
            throw new InvalidOperationException(
                $"数据库结构未建立 / the ledger's schema '{schema}' is missing: apply it as its owner with " +
                "`dotnet src/Api/bin/Release/net10.0/FairDraw.Api.dll migrate` (scripts/run.sh does)");
        }
    }

    /// <summary>The same, with the data source and schema of a CLI verb's host.</summary>
    public static Task RequireMigratedAsync(IServiceProvider services, CancellationToken cancellation) => RequireMigratedAsync(
        services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<LedgerSettings>().Schema, cancellation);
}
