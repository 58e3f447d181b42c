using FairDraw.Ledger.Draws;
using Marten;
using Npgsql;

namespace FairDraw.Projections.Draws;

/// <summary>
/// The frozen entity pools the service keeps (<see cref="EntityPool.Copy"/>) in the append-only table
/// entity_pool_copies, addressed by their SHA-256, so that a round's execution and substitutions restore its pool
/// instead of reading and sorting the directory again. Which copy belongs to which round is recorded in the ledger
/// (<see cref="PoolCopyKept"/>, appended with the round's <see cref="PoolFrozen"/>), and a copy is used only if its
/// digest is that one (<see cref="EntityPool.Restore"/>). Verification always rebuilds the pool from the directory.
/// </summary>
public sealed class FrozenPoolCopies(NpgsqlDataSource dataSource, string schema)
{
    /// <summary>
    /// Writes the copy of <paramref name="pool"/> in <paramref name="session"/>'s transaction, which the caller has begun,
    /// so that it is committed with the freeze or not at all. A copy already kept under the same digest holds the same
    /// bytes and is left as it is.
    /// </summary>
    public async Task KeepAsync(IDocumentSession session, EntityPool pool, CancellationToken cancellation)
    {
        var transaction = session.Connection
            ?? throw new InvalidOperationException("a pool copy is kept in the freeze's transaction: begin it first");
        await using var command = new NpgsqlCommand(
            $"insert into {schema}.entity_pool_copies (sha256, members) values ($1, $2) on conflict do nothing", transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pool.CopySha256 });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = pool.Copy() });
        await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>The copy kept under <paramref name="sha256"/>, or null when none is.</summary>
    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"select members from {schema}.entity_pool_copies where sha256 = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        return await command.ExecuteScalarAsync(cancellation) as byte[];
    }
}
