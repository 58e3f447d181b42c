using FairDraw.Ledger;
using FairDraw.Ledger.Plans;
using Marten;

namespace FairDraw.Projections.Storage;

/// <summary>
/// Orders a draw's freeze and a change of its plan: each takes a row lock on the plan's stream before it reads the plan,
/// in the transaction it commits in. Freezes of one plan share the lock and run side by side; an adjustment takes it
/// alone, so it waits for the freezes in flight and then sees their tasks drawn, and a freeze waits for an adjustment in
/// flight and then sees the plan no longer filed. Without it, a freeze could draw a task under a plan that an
/// adjustment changed in the meantime.
/// </summary>
public static class PlanLocks
{
    /// <summary>Before a freeze reads its task's plan (an unparsable task id takes no lock: the read that follows refuses it).</summary>
    public static async Task ForDrawAsync(IDocumentSession session, string taskId, CancellationToken cancellation)
    {
        PlanId plan;
        try
        {
            plan = PlanId.ParseTask(taskId).Plan;
        }
        catch (DomainException)
        {
            return;
        }

        await LockAsync(session, plan, "share", cancellation);
    }

    /// <summary>Before an adjustment reads the plan it changes.</summary>
    public static Task ForChangeAsync(IDocumentSession session, PlanId plan, CancellationToken cancellation) =>
        LockAsync(session, plan, "update", cancellation);

    private static async Task LockAsync(IDocumentSession session, PlanId plan, string strength, CancellationToken cancellation)
    {
        await session.BeginTransactionAsync(cancellation);
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        await session.QueryAsync<long>($"select version from {schema}.mt_streams where id = ? for {strength}", cancellation, plan.StreamKey);
    }
}
