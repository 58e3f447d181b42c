using Marten;

namespace FairDraw.Projections.Storage;

/// <summary>The newest event of a stream, by identity only: one indexed row, none of the events' data.</summary>
public static class StreamHeads
{
    /// <summary>The id of <paramref name="streamKey"/>'s newest event; null when the stream has none.</summary>
    public static async Task<Guid?> NewestAsync(IQuerySession session, string streamKey, CancellationToken cancellation)
    {
        // As text: Marten's raw-SQL scalars do not read uuid columns.
        var rows = await session.AdvancedSql.QueryAsync<string>(
            $"select id::text from {session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events where stream_id = ? order by version desc limit 1",
            cancellation,
            streamKey);
        return rows.Count == 0 ? null : Guid.Parse(rows[0]);
    }
}
