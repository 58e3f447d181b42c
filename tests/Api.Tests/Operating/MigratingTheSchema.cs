using FairDraw.Api.Hosting;
using FairDraw.Api.Tests.Support;
using FairDraw.Projections.Integrity;
using Npgsql;

namespace FairDraw.Api.Tests.Operating;

/// <summary>The `migrate` verb applies the schema as an owner that is no superuser; nothing else may.</summary>
[Collection(nameof(OperatingCollection))]
public sealed class MigratingTheSchema(OperatingHost fixture)
{
    private const string Schema = "test_migrate";

    [Fact]
    public async Task A_non_superuser_owner_applies_the_schema_owns_all_of_it_and_grants_the_application_role_its_rights()
    {
        var owner = LedgerSettings.EmbeddedOwnerRole;
        await using (var prepare = fixture.Superuser.CreateCommand($"""
            do $$ begin create role {owner} login; exception when duplicate_object or unique_violation then null; end $$;
            grant create on database {new NpgsqlConnectionStringBuilder(LedgerHost.ConnectionString).Database} to {owner};
            drop schema if exists {Schema} cascade;
            """))
        {
            await prepare.ExecuteNonQueryAsync();
        }

        var environment = new Dictionary<string, string?>(CommandLine.HostEnvironment(fixture))
        {
            ["Ledger__Schema"] = Schema,
            ["FAIRDRAW_OWNER_DATABASE"] =
                new NpgsqlConnectionStringBuilder(LedgerHost.ConnectionString) { Username = owner, Password = null }.ConnectionString,
        };
        var migrate = await CommandLine.RunApiAsync(AppContext.BaseDirectory, environment, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.Output);
        Assert.Equal(
            $"schema {Schema} applied as {owner}; {LedgerSettings.EmbeddedApplicationRole} granted the service's rights\n",
            migrate.StandardOutput);

        await using var owners = fixture.Superuser.CreateCommand($"""
            select distinct pg_get_userbyid(owner) from (
                select relowner as owner from pg_class where relnamespace = '{Schema}'::regnamespace
                union all select proowner from pg_proc where pronamespace = '{Schema}'::regnamespace
                union all select nspowner from pg_namespace where nspname = '{Schema}') objects
            """);
        Assert.Equal(owner, await owners.ExecuteScalarAsync());

        await using var grants = fixture.Superuser.CreateCommand($"""
            select table_name, string_agg(privilege_type, ',' order by privilege_type) from information_schema.role_table_grants
            where grantee = '{LedgerSettings.EmbeddedApplicationRole}' and table_schema = '{Schema}' group by table_name
            """);
        var rights = new Dictionary<string, string>();
        await using (var reader = await grants.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rights[reader.GetString(0)] = reader.GetString(1);
            }
        }

        Assert.All(LedgerSchema.AppendOnlyTables, table => Assert.Equal("INSERT,SELECT", rights[table]));
        Assert.All(rights.Keys.Except(LedgerSchema.AppendOnlyTables), table => Assert.Equal("DELETE,INSERT,SELECT,UPDATE", rights[table]));
        Assert.Contains("mt_streams", rights.Keys);
        Assert.Contains("wolverine_incoming_envelopes", rights.Keys);
    }

    [Fact]
    public async Task A_verb_on_a_schema_never_applied_stops_naming_migrate()
    {
        var environment =
            new Dictionary<string, string?>(CommandLine.HostEnvironment(fixture)) { ["Ledger__Schema"] = "test_never_migrated" };

        var verify = await CommandLine.RunApiAsync(AppContext.BaseDirectory, environment, "verify-directories");

        Assert.NotEqual(0, verify.ExitCode);
        Assert.Contains("the ledger's schema 'test_never_migrated' is missing", verify.StandardError);
        Assert.Contains("migrate", verify.StandardError);
    }
}
