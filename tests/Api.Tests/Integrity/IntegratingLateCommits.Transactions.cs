using FairDraw.Ledger;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Storage;
using Marten;
using Marten.Services;
using Npgsql;

namespace FairDraw.Api.Tests.Integrity;

/// <summary>
/// The settled position holds only if every append takes its ledger positions inside the transaction that writes them
/// (docs/architecture.md, "The settled position"); the chaining listener fails a write that does not.
/// </summary>
public sealed partial class IntegratingLateCommits
{
    private async Task<bool> StoredAsync(string streamKey)
    {
        await using var query = Store.QuerySession();
        return await query.Events.FetchStreamStateAsync(streamKey) is not null;
    }

    [Fact]
    public async Task Positions_taken_before_the_writing_transaction_began_fail_the_check_the_listener_adds_to_each_write()
    {
        var check = $"select {fixture.Schema}.ledger_require_positions_in_transaction()";
        var take = $"select nextval('{fixture.Schema}.mt_events_sequence')";
        await using var connection = await fixture.DataSource.OpenConnectionAsync();
        await using (var outside = new NpgsqlCommand(take, connection))
        {
            await outside.ExecuteScalarAsync(); // as Marten's ordinary session does: a statement of its own
        }

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var refused = new NpgsqlCommand(check, connection, transaction);
            var error = await Assert.ThrowsAsync<PostgresException>(() => refused.ExecuteScalarAsync());
            Assert.Contains("outside a transaction", error.MessageText, StringComparison.Ordinal);
        }

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var inside = new NpgsqlCommand(take, connection, transaction);
            await inside.ExecuteScalarAsync();
            await using var accepted = new NpgsqlCommand(check, connection, transaction);
            await accepted.ExecuteScalarAsync();
        }
    }

    [Fact]
    public async Task A_save_without_a_transaction_begun_first_is_refused_and_writes_nothing()
    {
        await using var session = Store.LightweightSession();
        var key = IntegrityHost.StartRegistration(session, "MA6TXN04");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => session.SaveChangesAsync());

        Assert.Contains("outside a transaction", error.Message, StringComparison.Ordinal);
        Assert.False(await StoredAsync(key));
    }

    [Fact]
    public async Task Every_write_runs_the_check_in_its_own_transaction()
    {
        await fixture.TamperAsync("""
            create or replace function {s}.ledger_require_positions_in_transaction() returns void language plpgsql as $$
            begin raise exception 'checked'; end $$
            """);
        try
        {
            await using var session = Store.LightweightSession();
            var key = IntegrityHost.StartRegistration(session, "MA6TXN03");
            var error = await Assert.ThrowsAnyAsync<Exception>(() => StreamAppend.SaveAsync(session));
            Assert.Contains("checked", error.ToString(), StringComparison.Ordinal);
            Assert.False(await StoredAsync(key));
        }
        finally
        {
            await LedgerSchema.EnsureAsync(fixture.Superuser, fixture.Schema, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Saves_in_a_transaction_begun_first_are_written()
    {
        string first, second;
        await using (var session = Store.LightweightSession())
        {
            first = IntegrityHost.StartRegistration(session, "MA6TXN01");
            await StreamAppend.SaveAsync(session);
        }

        await using var connection = await fixture.DataSource.OpenConnectionAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var session = Store.LightweightSession(SessionOptions.ForTransaction(transaction));
            second = IntegrityHost.StartRegistration(session, "MA6TXN02");
            await session.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        Assert.True(await StoredAsync(first));
        Assert.True(await StoredAsync(second));
    }
}
