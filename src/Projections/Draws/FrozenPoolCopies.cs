using FairDraw.Ledger.Draws;
using Marten;
using Npgsql;

namespace FairDraw.Projections.Draws;

/// <summary>
/// The frozen entity pool of each draw round, kept (<see cref="EntityPool.Copy"/>) in the transaction that appends the
/// round's <see cref="PoolFrozen"/>, so that the execution and later substitutions restore the pool instead of reading
/// and sorting the directory again. A copy is not trusted: a restored pool is used only if its root is the frozen root,
/// so an edited copy stops the draw as an edited directory would; a round without a copy is drawn over the pool rebuilt
/// from the directory. Verification always rebuilds the pool from the directory.
/// </summary>
public sealed class FrozenPoolCopies(NpgsqlDataSource dataSource, string schema)
{
    /// <summary>
    /// Queues the copy of <paramref name="pool"/>, frozen as <paramref name="frozen"/>, into <paramref name="session"/>'s
    /// unit of work. A copy is keyed by its round and the root it was frozen with, so a row left from an earlier ledger
    /// (a database whose events were reset) never stands in for it; of two concurrent freezes of one round, the loser's
    /// append is refused (409) and its copy rolled back with it.
    /// </summary>
    public void Keep(IDocumentSession session, PoolFrozen frozen, EntityPool pool) =>
        session.QueueSqlCommand(
            $"insert into {schema}.draw_pool_copies (task_id, round, entity_root, members) values (?, ?, ?, ?) on conflict do nothing",
            frozen.TaskId, frozen.Round, frozen.EntityRoot, pool.Copy());

    /// <summary>The pool kept for the frozen round <paramref name="frozen"/>, or null when none is kept.</summary>
    public async Task<EntityPool?> RestoreAsync(PoolFrozen frozen, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            $"select members from {schema}.draw_pool_copies where task_id = $1 and round = $2 and entity_root = $3");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = frozen.TaskId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = frozen.Round });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = frozen.EntityRoot });
        return await command.ExecuteScalarAsync(cancellation) is byte[] members ? EntityPool.Restore(members) : null;
    }
}
