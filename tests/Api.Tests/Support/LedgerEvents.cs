using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FairDraw.Api.Tests.Support;

public static class LedgerEvents
{
    /// <summary>
    /// How many events the ledger holds and the highest sequence number assigned: a refused request changes neither
    /// (the sequence catches a write rolled back after it appended, which the count alone would miss).
    /// </summary>
    public static async Task<(long Count, long LastSequence)> EventsAsync(this LedgerHost host)
    {
        await using var command = host.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            $"select count(*), coalesce((select last_value from {host.Schema}.mt_events_sequence), 0) from {host.Schema}.mt_events");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
