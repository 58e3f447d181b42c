using Npgsql;

namespace FairDraw.Projections.Storage;

/// <summary>What a computed draw answer depends on in the store, for caches that must not outlive a change of it.</summary>
public static class DrawFreshness
{
    /// <summary>
    /// The stream's newest event (id and version), the newest signed checkpoint (tree size and note hash) and the newest
    /// cosignatures (their tree size and count: receipts move to a checkpoint once witnesses cosign it), as one string;
    /// null when the stream has no events.
    /// </summary>
    public static async Task<string?> StampAsync(NpgsqlDataSource dataSource, string schema, string streamKey, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"""
            select (select id::text || '/' || version from {schema}.mt_events
                      where stream_id = @stream order by version desc limit 1),
                   (select tree_size || '/' || encode(sha256(convert_to(signed_note, 'UTF8')), 'hex')
                      from {schema}.ledger_checkpoints order by tree_size desc limit 1)
                   || coalesce((select '/' || tree_size || '+' || count(*) from {schema}.ledger_cosignatures
                                group by tree_size order by tree_size desc limit 1), '')
            """);
        command.Parameters.AddWithValue("stream", streamKey);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        return reader.IsDBNull(0) ? null : $"{reader.GetString(0)}|{(reader.IsDBNull(1) ? "" : reader.GetString(1))}";
    }
}
