using FairDraw.Api.Hosting;
using JasperFx;
using JasperFx.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Spectre.Console;
using static FairDraw.Api.Commands.VerbConsole;

namespace FairDraw.Api.Commands;

[Description(
    "Applies the ledger's schema as its owner (FAIRDRAW_OWNER_DATABASE) and grants the application role (FAIRDRAW_DATABASE) its rights",
    Name = "migrate")]
public sealed class MigrateCommand : JasperFxAsyncCommand<NetCoreInput>
{
    /// <summary>Whether <paramref name="args"/> run this verb: the one that connects as the owner (Program).</summary>
    public static bool Runs(string[] args) => args.Length > 0 && string.Equals(args[0], "migrate", StringComparison.OrdinalIgnoreCase);

    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var settings = host.Services.GetRequiredService<LedgerSettings>();
        if (settings.OwnerConnectionString is null)
        {
            Error.WriteLine(
                "FAIRDRAW_DATABASE names a server but FAIRDRAW_OWNER_DATABASE does not: set it to the schema owner's connection string");
            return false;
        }

        var application = new NpgsqlConnectionStringBuilder(settings.ConnectionString).Username;
        var owner = new NpgsqlConnectionStringBuilder(settings.OwnerConnectionString).Username;
        if (application is null)
        {
            Error.WriteLine("FAIRDRAW_DATABASE names no Username: the application role to grant to");
            return false;
        }

        // A service that connects as the owner itself (a single-role set-up, the benchmarks) needs no grants.
        var grantee = string.Equals(application, owner, StringComparison.Ordinal) ? null : application;
        await LedgerDatabase.MigrateAsync(host, grantee, CancellationToken.None);
        var granted = grantee is null ? "the service connects as the owner, nothing granted" : $"{grantee} granted the service's rights";
        Out.MarkupLineInterpolated($"schema {settings.Schema} applied as {owner}; {granted}");
        return true;
    }
}
