using Npgsql;

namespace FairDraw.Projections.Results;

/// <summary>One published result found by a search (its <see cref="PublishedResultView"/> id), with the entity's name in the directory now (null if none).</summary>
public sealed record FoundResult(string Id, string? EntityName);

/// <summary>
/// Searches the published results (<see cref="PublishedResultView"/>) by the entity's code (a prefix) or by its name in
/// the directory (any part): the published results joined with the entity's current revision, so a city's directory is
/// never scanned for a name — only the entities that have a published result are looked up, by code.
/// </summary>
public sealed class PublishedResultSearch(NpgsqlDataSource dataSource, string schema)
{
    /// <summary>One page (offset <paramref name="skip"/>, at most <paramref name="take"/>) in stream key order, and the count of all matches.</summary>
    public async Task<(IReadOnlyList<FoundResult> Found, long Total)> FindAsync(string text, int skip, int take, CancellationToken cancellation)
    {
        var pattern = text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
        var matches = $"""
            from {schema}.mt_doc_publishedresultview r
            left join {schema}.mt_doc_entityrevision e on e.uscc = r.data->>'EntityId' and e.is_current
            where r.data->>'EntityId' like $1 || '%' or e.data->>'Name' like '%' || $1 || '%'
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var count = new NpgsqlCommand($"select count(*) {matches}", connection);
        count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pattern });
        var total = (long)(await count.ExecuteScalarAsync(cancellation))!;

        await using var page = new NpgsqlCommand($"select r.id, e.data->>'Name' {matches} order by r.id offset $2 limit $3", connection);
        page.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pattern });
        page.Parameters.Add(new NpgsqlParameter<int> { TypedValue = skip });
        page.Parameters.Add(new NpgsqlParameter<int> { TypedValue = take });
        var found = new List<FoundResult>();
        await using var reader = await page.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            found.Add(new FoundResult(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return (found, total);
    }
}
