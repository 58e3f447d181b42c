using FairDraw.Api.Hosting;
using FairDraw.Api.Tests.Support;
using FairDraw.Projections.Integrity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FairDraw.Api.Tests.Operating;

/// <summary>
/// Issue 19's tamper matrix run as the application role the service connects as: every statement that would rewrite
/// the ledger behind its hashes, switch its guard off or reach the operating system is refused by PostgreSQL itself,
/// with SQLSTATE 42501 (insufficient_privilege) unless said otherwise.
/// </summary>
[Collection(nameof(OperatingCollection))]
public sealed class RefusingTheApplicationRole(OperatingHost fixture)
{
    private const string InsufficientPrivilege = "42501";

    /// <summary>The tests' superuser, who owns the schema here.</summary>
    private static string Superuser => new NpgsqlConnectionStringBuilder(LedgerHost.ConnectionString).Username!;

    /// <summary>
    /// Every change of an append-only table (taken from LedgerSchema's one list), then the statements that would undo the
    /// guard.
    /// </summary>
    public static TheoryData<string> Statements()
    {
        var statements = new TheoryData<string>();
        foreach (var table in LedgerSchema.AppendOnlyTables)
        {
            statements.Add($"update {{s}}.{table} set {{first column of {table}}} = {{first column of {table}}}");
            statements.Add($"delete from {{s}}.{table}");
            statements.Add($"truncate {{s}}.{table}");
            statements.Add($"alter table {{s}}.{table} disable trigger ledger_append_only");
            statements.Add($"drop trigger ledger_append_only on {{s}}.{table}");
        }

        statements.Add("set session_replication_role = replica");
        statements.Add("copy (select 1) to program 'id'");
        statements.Add("copy {s}.mt_events from program 'id'");
        statements.Add("alter trigger ledger_append_only on {s}.mt_events rename to switched_off");
        statements.Add(
            "create or replace function {s}.ledger_refuse_change() returns trigger language plpgsql as $$ begin return new; end $$");
        statements.Add("create table {s}.ledger_shadow (seq_id bigint)");
        statements.Add("create schema ledger_shadow");
        statements.Add("grant pg_execute_server_program to current_user");
        statements.Add($"grant {Superuser} to current_user");
        statements.Add("alter role current_user superuser");
        statements.Add($"set role {Superuser}");
        return statements;
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task The_application_role_is_refused(string statement)
    {
        await using var connection = await OpenAsApplicationAsync();
        var sql = await ExpandAsync(connection, statement);

        await using var command = new NpgsqlCommand(sql, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.True(refused.SqlState == InsufficientPrivilege, $"{sql}: {refused.SqlState} {refused.MessageText}");
    }

    [Fact]
    public async Task Granting_itself_the_rights_it_lacks_grants_nothing()
    {
        await using var connection = await OpenAsApplicationAsync();
        var notices = new List<string>();
        connection.Notice += (_, notice) => notices.Add(notice.Notice.SqlState);
        var tables = string.Join(", ", LedgerSchema.AppendOnlyTables.Select(table => $"{fixture.Schema}.{table}"));

        // PostgreSQL answers a GRANT by a role without the grant option with a warning (01007, privilege_not_granted).
        await using (var grant = new NpgsqlCommand($"grant update, delete, truncate on {tables} to current_user", connection))
        {
            await grant.ExecuteNonQueryAsync();
        }

        Assert.Equal(Enumerable.Repeat("01007", LedgerSchema.AppendOnlyTables.Count), notices);
        foreach (var table in LedgerSchema.AppendOnlyTables)
        {
            await using var rights = new NpgsqlCommand(
                $"select has_table_privilege('{fixture.Schema}.{table}', 'UPDATE, DELETE, TRUNCATE')", connection);
            Assert.False((bool)(await rights.ExecuteScalarAsync())!, table);
        }
    }

    [Fact]
    public async Task The_service_connects_as_a_role_that_owns_nothing_and_may_not_create()
    {
        await using var connection = await OpenAsApplicationAsync();
        await using var facts = new NpgsqlCommand(
            $"""
            select current_user, r.rolsuper, r.rolcreaterole, r.rolcreatedb,
                   (select count(*) from pg_class where relowner = r.oid) + (select count(*) from pg_proc where proowner = r.oid)
                     + (select count(*) from pg_namespace where nspowner = r.oid),
                   has_database_privilege(current_database(), 'CREATE'), has_schema_privilege('{fixture.Schema}', 'CREATE'),
                   pg_has_role('pg_execute_server_program', 'MEMBER')
            from pg_roles r where r.rolname = current_user
            """,
            connection);
        await using var reader = await facts.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(
            (LedgerSettings.EmbeddedApplicationRole, false, false, false, 0L, false, false, false),
            (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetInt64(4),
                reader.GetBoolean(5), reader.GetBoolean(6), reader.GetBoolean(7)));
    }

    /// <summary>A connection of the host's own data source: the application role's.</summary>
    private Task<NpgsqlConnection> OpenAsApplicationAsync() =>
        fixture.Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync().AsTask();

    /// <summary>The statement for this schema, with "{first column of T}" replaced by that table's first column.</summary>
    private async Task<string> ExpandAsync(NpgsqlConnection connection, string statement)
    {
        var sql = statement.Replace("{s}", fixture.Schema, StringComparison.Ordinal);
        foreach (var table in LedgerSchema.AppendOnlyTables)
        {
            var placeholder = $"{{first column of {table}}}";
            if (sql.Contains(placeholder, StringComparison.Ordinal))
            {
                await using var column = new NpgsqlCommand(
                    $"select attname from pg_attribute where attrelid = '{fixture.Schema}.{table}'::regclass and attnum = 1", connection);
                sql = sql.Replace(placeholder, (string)(await column.ExecuteScalarAsync())!, StringComparison.Ordinal);
            }
        }

        return sql;
    }
}
