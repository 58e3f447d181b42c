using FairDraw.Ledger;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Directories;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace FairDraw.Projections.Draws;

/// <summary>
/// Reads a task's entity population from the directory revisions valid at a ledger position, in one SQL statement per
/// read (a 1M-row pool is read as two text columns, not as documents). The same filter serves the plan's 3% count, the
/// draw's pool freeze and the verifier's rebuild, so there is one definition of "the pool"; the plan's census and the
/// freeze read it as of a settled position (<see cref="SettledPositionAsync"/>).
/// </summary>
public sealed class EntityPoolReader(NpgsqlDataSource dataSource, string schema)
{
    /// <summary>How long <see cref="SettledPositionAsync"/> waits for writes in flight before it gives up.</summary>
    public static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The newest ledger position below which no change in flight can still commit (docs/architecture.md, "The settled
    /// position"), in <paramref name="session"/>'s transaction (begun here if it is not yet); 409 after
    /// <see cref="SettleTimeout"/>.
    /// </summary>
    public async Task<long> SettledPositionAsync(IDocumentSession session, CancellationToken cancellation)
    {
        await session.BeginTransactionAsync(cancellation);
        await using var command = new NpgsqlCommand($"select {schema}.ledger_settled_position($1)", session.Connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)SettleTimeout.TotalMilliseconds });
        return await command.ExecuteScalarAsync(cancellation) is long position
            ? position
            : throw DomainException.Conflict("directory", $"名录库仍有写入未完成（超过{SettleTimeout.TotalSeconds:F0}秒），请稍后再试 / writes to the directory have been in flight for over {SettleTimeout.TotalSeconds:F0} s; try again later");
    }

    /// <summary>N_h per stratum (strata in DRAW-v1 order) as of <paramref name="asOfSequence"/>, or now when null.</summary>
    public async Task<IReadOnlyList<StratumCount>> CountAsync(PopulationFilter filter, long? asOfSequence, CancellationToken cancellation)
    {
        if (filter.Types.Count == 0)
        {
            return [];
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var command = Command(connection, filter, asOfSequence, $"select {StratumSql(filter.StratifyBy)} as stratum, count(*)::int from", "group by 1");
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var counts = new List<StratumCount>();
        while (await reader.ReadAsync(cancellation))
        {
            counts.Add(new StratumCount(reader.GetString(0), reader.GetInt32(1)));
        }

        return [.. counts.OrderBy(count => count.Stratum, DrawEncoding.Utf8Order)];
    }

    /// <summary>
    /// The pool's members as of <paramref name="asOfSequence"/>, without the excluded ids, ready to freeze. The builder
    /// hashes each member's leaf as its row arrives, so the read runs without parallel workers: they would take every
    /// core for a scan barely faster than one process's and leave the hashing none (docs/performance.md, draws).
    /// </summary>
    public async Task<EntityPoolBuilder> MembersAsync(
        PopulationFilter filter, long asOfSequence, IReadOnlySet<string> excluded, CancellationToken cancellation)
    {
        var members = new EntityPoolBuilder();
        if (filter.Types.Count == 0)
        {
            return members;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using (var serial = new NpgsqlCommand("set local max_parallel_workers_per_gather = 0", connection, transaction))
        {
            await serial.ExecuteNonQueryAsync(cancellation);
        }

        await using (var command = Command(connection, filter, asOfSequence, $"select {StratumSql(filter.StratifyBy)}, uscc from", ""))
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                var id = reader.GetString(1);
                if (!excluded.Contains(id))
                {
                    members.Add(reader.GetString(0), id);
                }
            }
        }

        await transaction.CommitAsync(cancellation);
        return members;
    }

    private static string StratumSql(StratifyBy by) => by switch
    {
        StratifyBy.RiskClass => "data->>'RiskClass'",
        StratifyBy.EntityType => "data->>'Type'",
        _ => $"'{SamplingTaskSpec.WholePoolStratum}'",
    };

    private NpgsqlCommand Command(NpgsqlConnection connection, PopulationFilter filter, long? asOfSequence, string select, string tail)
    {
        var targeting = filter.Targeting;
        var conditions = new List<string>
        {
            asOfSequence is null ? "is_current" : "from_sequence <= @position and (to_sequence is null or to_sequence > @position)",
            "jurisdiction like @jurisdiction",
            "data->>'Status' = @existing",
            "data->>'Type' = any(@types)",
        };
        var command = connection.CreateCommand();
        command.Parameters.AddWithValue("jurisdiction", filter.Jurisdiction.CoveredPrefix + "%");
        command.Parameters.AddWithValue("existing", nameof(EntityStatus.Existing));
        command.Parameters.AddWithValue("types", filter.Types.Select(type => type.ToString()).ToArray());
        if (asOfSequence is { } position)
        {
            command.Parameters.AddWithValue("position", position);
        }

        if (targeting.Industries.Count > 0)
        {
            conditions.Add("data->>'Industry' = any(@industries)");
            command.Parameters.AddWithValue("industries", targeting.Industries.ToArray());
        }

        if (targeting.Areas.Count > 0)
        {
            conditions.Add("jurisdiction like any(@areas)");
            command.Parameters.AddWithValue("areas", targeting.Areas.Select(area => area.CoveredPrefix + "%").ToArray());
        }

        if (targeting.Tags.Count > 0)
        {
            conditions.Add("data->'Tags' ?| @tags");
            command.Parameters.Add(new NpgsqlParameter("tags", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = targeting.Tags.ToArray() });
        }

        if (targeting.RiskClasses.Count > 0)
        {
            conditions.Add("data->>'RiskClass' = any(@risks)");
            command.Parameters.AddWithValue("risks", targeting.RiskClasses.Select(risk => risk.ToString()).ToArray());
        }

        command.CommandText = $"{select} {Revision.TableOf<EntityRevision>(schema)} where {string.Join(" and ", conditions)} {tail}";
        return command;
    }
}
