using FairDraw.Ledger;
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
    /// Queues the copy of <paramref name="pool"/> into <paramref name="session"/>'s unit of work. Of two concurrent
    /// freezes of one round, the loser's append is refused (409) and its copy rolled back with it.
    /// </summary>
    public void Keep(IDocumentSession session, string taskId, int round, EntityPool pool) =>
        session.QueueSqlCommand(
            $"insert into {schema}.draw_pool_copies (task_id, round, members) values (?, ?, ?) on conflict do nothing",
            taskId, round, pool.Copy());

    /// <summary>The pool kept for <paramref name="round"/> of <paramref name="taskId"/>, or null when none is kept.</summary>
    public async Task<EntityPool?> RestoreAsync(string taskId, int round, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"select members from {schema}.draw_pool_copies where task_id = $1 and round = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = taskId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = round });
        return await command.ExecuteScalarAsync(cancellation) is byte[] members ? EntityPool.Restore(members) : null;
    }
}
