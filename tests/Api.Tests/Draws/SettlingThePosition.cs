using FairDraw.Api.Tests.Support;
using FairDraw.Projections.Draws;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// The contract of <c>ledger_settled_position</c> (<see cref="EntityPoolReader.SettledPositionAsync"/>) at the SQL level:
/// which transactions in flight it waits for, and that it gives up (null) instead of waiting forever.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class SettlingThePosition(DrawHost fixture) : IAsyncLifetime
{
    private const int Patient = 20_000;

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_transaction_left_open_makes_it_give_up_after_the_timeout()
    {
        await using var other = await OpenInTransactionAsync();

        await using var caller = await OpenAsync();
        Assert.Null(await SettleAsync(caller, 300));
    }

    [Fact]
    public async Task It_returns_the_newest_position_once_the_transactions_in_flight_have_ended()
    {
        var other = await OpenInTransactionAsync();
        await using var caller = await OpenAsync();
        var settling = SettleAsync(caller, Patient);
        await Task.Delay(200);
        Assert.False(settling.IsCompleted);

        await other.DisposeAsync(); // ends its transaction
        Assert.Equal(await NewestPositionAsync(), await settling);
    }

    [Fact]
    public async Task It_does_not_wait_for_its_own_transaction_nor_for_one_its_locks_block()
    {
        await using var caller = await OpenAsync();
        await using var own = await caller.BeginTransactionAsync();
        await ExecuteAsync(caller, $"select 1 from {fixture.Schema}.mt_streams order by id limit 1 for update");

        await using var blocked = await OpenAsync();
        await using var blockedTransaction = await blocked.BeginTransactionAsync();
        var waiting = ExecuteAsync(blocked, $"select 1 from {fixture.Schema}.mt_streams order by id limit 1 for update");
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);

        Assert.Equal(await NewestPositionAsync(), await SettleAsync(caller, Patient));
        await own.CommitAsync();
        await waiting;
    }

    [Fact]
    public async Task Two_callers_settling_at_once_do_not_wait_for_each_other()
    {
        await using var first = await OpenAsync();
        await using var firstTransaction = await first.BeginTransactionAsync();
        await using var second = await OpenAsync();
        await using var secondTransaction = await second.BeginTransactionAsync();
        await ExecuteAsync(first, "select 1");
        await ExecuteAsync(second, "select 1");

        var positions = await Task.WhenAll(SettleAsync(first, Patient), SettleAsync(second, Patient));
        Assert.All(positions, position => Assert.Equal(positions[0], position));
        Assert.NotNull(positions[0]);
    }

    private async Task<NpgsqlConnection> OpenAsync() =>
        await fixture.Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();

    /// <summary>A connection idle in a transaction that has run a statement (so it counts as begun).</summary>
    private async Task<NpgsqlConnection> OpenInTransactionAsync()
    {
        var connection = await OpenAsync();
        await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, "select 1");
        return connection;
    }

    private async Task<long?> SettleAsync(NpgsqlConnection connection, int timeoutMs)
    {
        await using var command = new NpgsqlCommand($"select {fixture.Schema}.ledger_settled_position({timeoutMs})", connection);
        return await command.ExecuteScalarAsync() as long?;
    }

    private async Task<long> NewestPositionAsync()
    {
        await using var command = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand($"select max(seq_id) from {fixture.Schema}.mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
