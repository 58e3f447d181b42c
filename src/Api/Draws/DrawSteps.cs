using FairDraw.Api.Plans;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Directories;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Storage;
using Marten;
using NodaTime;

namespace FairDraw.Api.Draws;

/// <summary>
/// The DRAW-v1 steps of a sampling task (docs/draw-protocol.md, docs/events.md), shared by the HTTP endpoints and the
/// `draw` CLI verb. Each step decides on the task stream as read and appends with optimistic concurrency: of two
/// concurrent attempts at a step, one wins and the other gets 409.
/// </summary>
public sealed class DrawSteps(DrawPools pools, LedgerProofs proofs, CheckpointSigner signer, DrandCheck drand, IClock clock)
{
    /// <summary>Step 1: freezes the pools of a new round from the directories at the current ledger position.</summary>
    public async Task<PoolFrozen> FreezeAsync(IDocumentSession session, string taskId, FreezePool command, Actor actor, CancellationToken cancellation)
    {
        await PlanLocks.ForDrawAsync(session, taskId, cancellation);
        var task = await PlanReads.PlannedTaskAsync(session, taskId);
        var draw = await TaskDraws.LoadAsync(session, taskId);
        var now = clock.GetCurrentInstant();
        DrawDecisions.MayFreeze(task, draw.State, command, actor, now); // refused before the directory is read or copied
        var frozen = await pools.ReadAsync(session, task, now, cancellation);
        await pools.KeepAsync(session, frozen.Entities, cancellation);
        var events = DrawDecisions.Freeze(task, draw.State, command, frozen, actor, now);
        session.Events.Append(StreamKeys.PoolCopy(taskId), PoolCopyKept.Of((PoolFrozen)events.Single(), frozen.Entities));
        await pools.IndexAsync(session, (PoolFrozen)events.Single(), frozen.Entities, cancellation);
        return await AppendAsync<PoolFrozen>(session, taskId, draw, events);
    }

    /// <summary>Step 2: commits the current round to its pools, rules and named future sources, signed by the ledger key.</summary>
    public async Task<DrawCommitted> CommitAsync(IDocumentSession session, string taskId, CommitDraw command, Actor actor)
    {
        var task = await PlanReads.PlannedTaskAsync(session, taskId);
        var draw = await TaskDraws.LoadAsync(session, taskId);
        return await AppendAsync<DrawCommitted>(session, taskId, draw, DrawDecisions.Commit(task, draw.State, command, signer, actor, clock.GetCurrentInstant()));
    }

    /// <summary>
    /// Marks the commitment published outside the bureau. Refused until a signed checkpoint contains the commitment
    /// event (POST /api/ledger/checkpoint signs one at once), and refused once any source has resolved.
    /// </summary>
    public async Task<CommitmentPublished> PublishAsync(IDocumentSession session, string taskId, PublishCommitment command, Actor actor, CancellationToken cancellation)
    {
        var task = await PlanReads.PlannedTaskAsync(session, taskId);
        var draw = await TaskDraws.LoadAsync(session, taskId);
        var inLog = await CommitmentInLogAsync(draw, cancellation);
        return await AppendAsync<CommitmentPublished>(session, taskId, draw, DrawDecisions.Publish(task, draw.State, command, inLog, actor, clock.GetCurrentInstant()));
    }

    /// <summary>Step 3 (optional): reveals a committed party secret before the sources resolve.</summary>
    public async Task<PartySecretRevealed> RevealAsync(IDocumentSession session, string taskId, RevealPartySecret command, Actor actor)
    {
        var task = await PlanReads.PlannedTaskAsync(session, taskId);
        var draw = await TaskDraws.LoadAsync(session, taskId);
        return await AppendAsync<PartySecretRevealed>(session, taskId, draw, DrawDecisions.RevealSecret(task, draw.State, command, actor, clock.GetCurrentInstant()));
    }

    /// <summary>Step 4: records the resolved values of every committed source; each drand value must verify against its chain's key.</summary>
    public async Task<RandomnessRecorded> RecordRandomnessAsync(
        IDocumentSession session, string taskId, RecordRandomness command, Actor actor, CancellationToken cancellation)
    {
        var task = await PlanReads.PlannedTaskAsync(session, taskId);
        var draw = await TaskDraws.LoadAsync(session, taskId);
        var events = DrawDecisions.RecordRandomness(task, draw.State, command, actor, clock.GetCurrentInstant());
        var committed = draw.State!.Current.Commitment!; // the decision refuses a round without one
        var recorded = (RandomnessRecorded)events.Single();
        await drand.RequireAsync(DrandValues.Claims(committed, recorded.Values, recorded.Evidence, command), cancellation);
        return await AppendAsync<RandomnessRecorded>(session, taskId, draw, events);
    }

    /// <summary>Step 4a: a second party confirms the recorded lottery values, entering the numbers again from the announcements.</summary>
    public async Task<LotteryValuesConfirmed> ConfirmAsync(
        IDocumentSession session, string taskId, ConfirmLotteryValues command, Actor actor)
    {
        var task = await PlanReads.PlannedTaskAsync(session, taskId);
        var draw = await TaskDraws.LoadAsync(session, taskId);
        var events = DrawDecisions.ConfirmLotteryValues(task, draw.State, command, actor, clock.GetCurrentInstant());
        return await AppendAsync<LotteryValuesConfirmed>(session, taskId, draw, events);
    }

    /// <summary>Sets the current round aside, countersigned, so that a new round may be frozen.</summary>
    public async Task<RoundSetAside> SetAsideAsync(
        IDocumentSession session, string taskId, SetAsideRound command, Actor actor, Actor? approver)
    {
        var task = await PlanReads.PlannedTaskAsync(session, taskId);
        var draw = await TaskDraws.LoadAsync(session, taskId);
        var events = DrawDecisions.SetAside(task, draw.State, command, actor, approver, clock.GetCurrentInstant());
        return await AppendAsync<RoundSetAside>(session, taskId, draw, events);
    }

    /// <summary>
    /// After a round lapsed: the values its sources resolved to, for the sample they would have drawn; each drand value
    /// must verify against its chain's key, as at step 4.
    /// </summary>
    public async Task<LapsedRoundResolved> RecordLapsedValuesAsync(
        IDocumentSession session, string taskId, int round, RecordRandomness command, Actor actor, CancellationToken cancellation)
    {
        var task = await PlanReads.PlannedTaskAsync(session, taskId);
        var draw = await TaskDraws.LoadAsync(session, taskId);
        var events = DrawDecisions.RecordLapsedValues(task, draw.State, round, command, actor, clock.GetCurrentInstant());
        var resolved = (LapsedRoundResolved)events.Single();
        var committed = draw.State!.RoundNumber(round).Commitment!; // the decision refuses a round that did not lapse
        await drand.RequireAsync(DrandValues.Claims(committed, resolved.Values, resolved.Evidence, command), cancellation);
        return await AppendAsync<LapsedRoundResolved>(session, taskId, draw, events);
    }

    /// <summary>Step 5: restores the frozen pool, derives the seed and selects n_h per stratum.</summary>
    public async Task<DrawExecuted> ExecuteAsync(IDocumentSession session, string taskId, Actor actor, CancellationToken cancellation)
    {
        var task = await PlanReads.PlannedTaskAsync(session, taskId);
        DrawDecisions.AuthorizeDraw(task, actor, DrawActions.Execute);
        var draw = await TaskDraws.LoadAsync(session, taskId);
        var round = draw.State?.Current;
        // A round the decision refuses anyway (unconfirmed, executed, set aside) is refused without restoring its pool.
        var pool = round is { Confirmation: not null, Execution: null, SetAside: null }
            ? await pools.RestoreAsync(session, round.Pool, cancellation)
            : EntityPool.Freeze([]);
        return await AppendAsync<DrawExecuted>(session, taskId, draw, DrawDecisions.Execute(task, draw.State, pool, actor, clock.GetCurrentInstant()));
    }

    /// <summary>Step 6: matches inspectors to the selected entities by the deterministic walk.</summary>
    public async Task<InspectorsAssigned> AssignAsync(IDocumentSession session, string taskId, Actor actor)
    {
        var task = await PlanReads.PlannedTaskAsync(session, taskId);
        var draw = await TaskDraws.LoadAsync(session, taskId);
        return await AppendAsync<InspectorsAssigned>(session, taskId, draw, DrawDecisions.Assign(task, draw.State, actor, clock.GetCurrentInstant()));
    }

    /// <summary>Step 7: replaces a gone or unreachable entity by the next unused ticket of its stratum (pool restored for the rank list).</summary>
    public async Task<EntitySubstituted> SubstituteAsync(IDocumentSession session, string taskId, SubstituteEntity command, Actor actor, Actor? approver, CancellationToken cancellation)
    {
        var task = await PlanReads.PlannedTaskAsync(session, taskId);
        DrawDecisions.AuthorizeDraw(task, actor, DrawActions.Substitute);
        var draw = await TaskDraws.LoadAsync(session, taskId);
        var round = draw.State?.Current;
        var pool = round is null ? EntityPool.Freeze([]) : await pools.RestoreAsync(session, round.Pool, cancellation);
        var declared = await DeclaredAsync(session, round);
        return await AppendAsync<EntitySubstituted>(
            session, taskId, draw, DrawAdjustments.Substitute(task, draw.State, command, pool, declared, actor, approver, clock.GetCurrentInstant()));
    }

    /// <summary>Step 7: takes an inspector off an entity; the next ticket replaces them, or the approver's named inspector.</summary>
    public async Task<InspectorReassigned> ReassignAsync(IDocumentSession session, string taskId, ReassignInspector command, Actor actor, Actor? approver)
    {
        var task = await PlanReads.PlannedTaskAsync(session, taskId);
        var draw = await TaskDraws.LoadAsync(session, taskId);
        var declared = await DeclaredAsync(session, draw.State?.Current);
        return await AppendAsync<InspectorReassigned>(
            session, taskId, draw, DrawAdjustments.Reassign(task, draw.State, command, declared, actor, approver, clock.GetCurrentInstant()));
    }

    /// <summary>
    /// The conflicts of interest the inspectors of <paramref name="round"/>'s pool have declared by now (their current
    /// directory revisions): an adjustment checks these as of the act, not only those frozen.
    /// </summary>
    private static async Task<IReadOnlyList<FrozenConflict>> DeclaredAsync(IQuerySession session, DrawRound? round)
    {
        var ids = round?.Pool.Inspectors.Select(inspector => inspector.Id).ToArray() ?? [];
        var current = await session.Query<InspectorRevision>().Where(x => x.ToSequence == null && x.InspectorId.IsOneOf(ids)).ToListAsync();
        return [.. current.SelectMany(revision => revision.Conflicts.Select(entityId => new FrozenConflict(revision.InspectorId, entityId)))];
    }

    /// <summary>Where the current round's commitment sits in the signed log, or null while no signed checkpoint contains it.</summary>
    private async Task<CommitmentInLog?> CommitmentInLogAsync(LoadedDraw draw, CancellationToken cancellation)
    {
        var committed = draw.State?.Current.Commitment;
        var stored = committed is null ? null : draw.Events.LastOrDefault(e => e.Data is DrawCommitted);
        if (stored is null)
        {
            return null;
        }

        try
        {
            var receipt = await proofs.ReceiptAsync(stored.Sequence, cancellation);
            var checkpoint = CheckpointVerifier.Verify(receipt.SignedCheckpoint, receipt.VerifierKey);
            return new CommitmentInLog(stored.Sequence, receipt.LeafIndex, checkpoint.TreeSize, receipt.SignedCheckpoint);
        }
        catch (DomainException)
        {
            return null;
        }
    }

    private static async Task<TEvent> AppendAsync<TEvent>(IDocumentSession session, string taskId, LoadedDraw draw, IReadOnlyList<object> events)
    {
        await StreamAppend.AppendAsync(session, StreamKeys.Task(taskId), draw, events);
        return (TEvent)events.Single();
    }
}
