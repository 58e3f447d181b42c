using System.Data;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using Marten;
using Npgsql;

namespace FairDraw.Projections.Draws;

/// <summary>
/// The frozen entity pools the service keeps (<see cref="EntityPool.Copy"/>) in the append-only table
/// entity_pool_copy_parts, addressed by their SHA-256, so that a round's execution and substitutions restore its pool
/// instead of reading and sorting the directory again. Which copy belongs to which round is recorded in the ledger
/// (<see cref="PoolCopyKept"/>, appended with the round's <see cref="PoolFrozen"/>), and a copy is used only if its
/// digest is that one (<see cref="EntityPool.Restore"/>). Verification always rebuilds the pool from the directory.
/// Beside each copy, the append-only table entity_pool_members lists which round's pool held which entity, so that an
/// entity's rounds are found by key (<see cref="RoundsHoldingAsync"/>) rather than by restoring every pool.
/// </summary>
/// <param name="partSize">
/// The most bytes of a copy one row holds. A copy is written as numbered parts because the server takes a single value
/// into fresh memory twice before storing it, which costs a large copy far more than parts (docs/performance.md).
/// </param>
public sealed class FrozenPoolCopies(NpgsqlDataSource dataSource, string schema, int partSize = FrozenPoolCopies.PartSize)
{
    public const int PartSize = 1 << 20;

    /// <summary>
    /// Writes the copy of <paramref name="pool"/> in <paramref name="session"/>'s transaction, which the caller has begun,
    /// so that it is committed with the freeze or not at all. A copy already kept under the same digest holds the same
    /// bytes and is left as it is. An empty copy is one empty part.
    /// </summary>
    public async Task KeepAsync(IDocumentSession session, EntityPool pool, CancellationToken cancellation)
    {
        var connection = session.Connection
            ?? throw new InvalidOperationException("a pool copy is kept in the freeze's transaction: begin it first");
        var copy = pool.Copy();
        await using var batch = new NpgsqlBatch(connection);
        for (var (at, part) = (0, 0); at == 0 || at < copy.Length; at += partSize, part++)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"insert into {schema}.entity_pool_copy_parts (sha256, part, bytes) values ($1, $2, $3) on conflict do nothing")
            {
                Parameters =
                {
                    new NpgsqlParameter<string> { TypedValue = pool.CopySha256 },
                    new NpgsqlParameter<int> { TypedValue = part },
                    new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = copy.Slice(at, Math.Min(partSize, copy.Length - at)) },
                },
            });
        }

        await batch.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>
    /// Writes one row per member of <paramref name="pool"/>, the pool frozen as <paramref name="frozen"/>, by binary COPY in
    /// <paramref name="session"/>'s transaction, which the caller has begun (a round's rows commit with its freeze).
    /// </summary>
    public async Task KeepMembersAsync(IDocumentSession session, PoolFrozen frozen, EntityPool pool, CancellationToken cancellation)
    {
        var connection = session.Connection
            ?? throw new InvalidOperationException("a pool's members are kept in the freeze's transaction: begin it first");
        await using var writer = await connection.BeginBinaryImportAsync(
            $"copy {schema}.entity_pool_members (entity_id, task_id, round) from stdin (format binary)", cancellation);
        foreach (var member in pool.Members)
        {
            await writer.StartRowAsync(cancellation);
            await writer.WriteAsync(member.Id, NpgsqlTypes.NpgsqlDbType.Text, cancellation);
            await writer.WriteAsync(frozen.TaskId, NpgsqlTypes.NpgsqlDbType.Text, cancellation);
            await writer.WriteAsync(frozen.Round, NpgsqlTypes.NpgsqlDbType.Integer, cancellation);
        }

        await writer.CompleteAsync(cancellation);
    }

    /// <summary>The rounds whose frozen entity pool held <paramref name="entityId"/>, by task id (ordinal) and round.</summary>
    public async Task<IReadOnlyList<(string TaskId, int Round)>> RoundsHoldingAsync(string entityId, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            $"select task_id, round from {schema}.entity_pool_members where entity_id = $1 order by task_id collate \"C\", round");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entityId });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var rounds = new List<(string, int)>();
        while (await reader.ReadAsync(cancellation))
        {
            rounds.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return rounds;
    }

    /// <summary>The copy kept under <paramref name="sha256"/> (its parts in order, in one array), or null when none is.</summary>
    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            $"select sum(length(bytes)) over ()::int, length(bytes), bytes from {schema}.entity_pool_copy_parts where sha256 = $1 order by part");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellation);
        byte[]? copy = null;
        var at = 0;
        while (await reader.ReadAsync(cancellation))
        {
            copy ??= new byte[reader.GetInt32(0)];
            var length = reader.GetInt32(1);
            await using var part = await reader.GetStreamAsync(2, cancellation);
            await part.ReadExactlyAsync(copy.AsMemory(at, length), cancellation);
            at += length;
        }

        return copy;
    }
}
