using System.Text.Json;
using FairDraw.Ledger.Draws;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace FairDraw.Projections.Storage;

/// <summary>
/// What a computed draw answer depends on: <see cref="Stamp"/> in the store, and the instants at which the newest
/// commitment's round may lapse by the clock alone (its <c>PublishBy</c> and <see cref="DrawDecisions.LapsesAt"/>).
/// </summary>
public sealed record DrawStamp(string Stamp, IReadOnlyList<Instant> LapseInstants)
{
    /// <summary>The stamp and how many of the lapse instants <paramref name="now"/> has passed: a key that changes when a state may.</summary>
    public string At(Instant now) => $"{Stamp}|{LapseInstants.Count(instant => now >= instant)}";
}

/// <summary>What a computed draw answer depends on in the store, for caches that must not outlive a change of it.</summary>
public static class DrawFreshness
{
    /// <summary>
    /// The stream's newest event (id and version), the newest signed checkpoint (tree size and note hash) and the newest
    /// cosignatures (their tree size and count: receipts move to a checkpoint once witnesses cosign it), as one string,
    /// with the newest commitment's lapse instants; null when the stream has no events.
    /// </summary>
    public static async Task<DrawStamp?> StampAsync(NpgsqlDataSource dataSource, string schema, string streamKey, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"""
            select (select id::text || '/' || version from {schema}.mt_events
                      where stream_id = @stream order by version desc limit 1),
                   (select tree_size || '/' || encode(sha256(convert_to(signed_note, 'UTF8')), 'hex')
                      from {schema}.ledger_checkpoints order by tree_size desc limit 1)
                   || coalesce((select '/' || tree_size || '+' || count(*) from {schema}.ledger_cosignatures
                                group by tree_size order by tree_size desc limit 1), ''),
                   (select jsonb_build_array(data -> 'PublishBy', jsonb_path_query_array(data, '$.Sources[*].ResolvesAt'))::text
                      from {schema}.mt_events where stream_id = @stream and type = 'draw_committed'
                      order by version desc limit 1)
            """);
        command.Parameters.AddWithValue("stream", streamKey);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        if (reader.IsDBNull(0))
        {
            return null;
        }

        var stamp = $"{reader.GetString(0)}|{(reader.IsDBNull(1) ? "" : reader.GetString(1))}";
        if (reader.IsDBNull(2))
        {
            return new DrawStamp(stamp, []);
        }

        using var committed = JsonDocument.Parse(reader.GetString(2));
        var instant = (JsonElement text) => InstantPattern.ExtendedIso.Parse(text.GetString()!).Value;
        var resolves = committed.RootElement[1].EnumerateArray().Select(instant).ToList();
        return new DrawStamp(stamp, [instant(committed.RootElement[0]), .. resolves.Count == 0 ? [] : new[] { resolves.Max() + DrawDecisions.SourceGrace }]);
    }
}
