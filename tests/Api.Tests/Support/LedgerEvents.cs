using FairDraw.Projections.Integrity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FairDraw.Api.Tests.Support;

public static class LedgerEvents
{
    /// <summary>
    /// How many ledger events the schema holds and the highest sequence among them: a refused request changes neither.
    /// Marten's gap fillers (left by a write that failed after taking sequence numbers) are not ledger events.
    /// </summary>
    public static async Task<(long Count, long LastSequence)> EventsAsync(this LedgerHost host)
    {
        await using var command = host.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            $"select count(*), coalesce(max(seq_id), 0) from {host.Schema}.mt_events e where not {StoredEvent.GapFillerCondition}");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
