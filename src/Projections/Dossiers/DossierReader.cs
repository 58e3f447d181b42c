using FairDraw.Ledger.Integrity;
using Npgsql;
using NodaTime;

namespace FairDraw.Projections.Dossiers;

/// <summary>One event a dossier lists: where it is in the ledger, its type, and the actor and time of its chain headers.</summary>
public sealed record DossierEvent(long Sequence, string StreamKey, long Version, string Type, string Actor, string Time);

/// <summary>
/// Reads a dossier's events in ledger order, a page at a time: each arm of the subject seeks its own matches after the
/// cursor (so an index on the arm's column serves it), and the union keeps the first of them.
/// </summary>
public sealed class DossierReader(NpgsqlDataSource dataSource, string schema)
{
    /// <summary>Whether any event shows the subject exists.</summary>
    public async Task<bool> KnownAsync(DossierSubject subject, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            $"select exists (select 1 from {schema}.mt_events e where {Sql(subject.Known)})");
        command.Parameters.AddWithValue("id", subject.Id);
        return await command.ExecuteScalarAsync(cancellation) is true;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> events after ledger position <paramref name="after"/>, at most
    /// <paramref name="upTo"/> (a position) or written at most at <paramref name="at"/> (an instant) when given.
    /// </summary>
    public async Task<List<DossierEvent>> PageAsync(
        DossierSubject subject, long after, long? upTo, Instant? at, int limit, CancellationToken cancellation)
    {
        var window = "e.seq_id > @after"
            + (upTo is null ? "" : " and e.seq_id <= @upTo")
            + (at is null ? "" : " and (e.headers ->> 'time') collate \"C\" <= @at");
        var arms = subject.Arms.Select(arm =>
            $"(select e.seq_id from {schema}.mt_events e where ({Sql(arm)}) and {window} order by e.seq_id limit @limit)");
        await using var command = dataSource.CreateCommand($"""
            select e.seq_id, e.stream_id, e.version, e.type, coalesce(e.headers ->> 'actor', ''), coalesce(e.headers ->> 'time', '')
            from {schema}.mt_events e
            where e.seq_id in ({string.Join("\nunion\n", arms)})
            order by e.seq_id limit @limit
            """);
        command.Parameters.AddWithValue("id", subject.Id);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("limit", limit);
        if (upTo is { } position)
        {
            command.Parameters.AddWithValue("upTo", position);
        }

        if (at is { } instant)
        {
            command.Parameters.AddWithValue("at", LedgerRecord.FormatTime(instant)); // fixed width: text order is time order
        }

        var events = new List<DossierEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            events.Add(new DossierEvent(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5)));
        }

        return events;
    }

    private string Sql(string condition) => condition.Replace("{s}", schema, StringComparison.Ordinal);
}
