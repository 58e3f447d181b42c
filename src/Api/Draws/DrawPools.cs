using System.Diagnostics.Metrics;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Inspectors;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Directories;
using FairDraw.Projections.Draws;
using Marten;
using NodaTime;

namespace FairDraw.Api.Draws;

/// <summary>
/// Reads a task's pools from the directories at one ledger position: the entity population (minus the samples of
/// earlier executed draws of the same items this year, when the task excludes them), the inspectors of the
/// jurisdiction and their declared conflicts. Freezing and verifying use the same reads. The frozen entity pool is kept
/// at the freeze (<see cref="FrozenPoolCopies"/>), and the execution and substitutions restore it from there.
/// </summary>
public sealed class DrawPools(EntityPoolReader entities, FrozenPoolCopies copies, IMeterFactory meters)
{
    private readonly Counter<long> _restores = meters.Create("FairDraw.Api")
        .CreateCounter<long>("fairdraw.pool.restores", description: "frozen entity pools restored (each is O(pool))");

    /// <summary>
    /// The pools as of the newest ledger position that no change in flight can still commit below (the freeze waits for
    /// those in <paramref name="session"/>'s transaction), so that the pool rebuilt as of that position by the
    /// execution's fallback and by every verification is this one.
    /// </summary>
    public async Task<FrozenPools> ReadAsync(IDocumentSession session, PlannedTask task, Instant now, CancellationToken cancellation)
    {
        var position = await entities.SettledPositionAsync(session, cancellation);
        var excluded = await ExclusionsAsync(session, task.TaskId, task.Year, task.Spec, position);
        var members = await entities.MembersAsync(PopulationFilter.For(task), position, await SampledAsync(session, excluded, position), cancellation);
        var inspectors = await InspectorsAsync(session, task.Jurisdiction, task.Spec.CapacityCap, position, BeijingTime.DateOf(now));
        return new FrozenPools(
            position,
            members.Freeze(),
            Inspectors(inspectors),
            Conflicts(inspectors),
            excluded);
    }

    /// <summary>
    /// Keeps the copy of <paramref name="pool"/> in <paramref name="session"/>'s transaction while the pool's root is
    /// computed on the side (the root is CPU work, the copy the server's), so a freeze waits for the longer of the two.
    /// </summary>
    public async Task KeepAsync(IDocumentSession session, EntityPool pool, CancellationToken cancellation)
    {
        var rooting = Task.Run(() => pool.Root, cancellation);
        await copies.KeepAsync(session, pool, cancellation);
        await rooting;
    }

    /// <summary>Lists the members of the pool frozen as <paramref name="frozen"/> under its round, in the freeze's transaction.</summary>
    public Task IndexAsync(IDocumentSession session, PoolFrozen frozen, EntityPool pool, CancellationToken cancellation) =>
        copies.KeepMembersAsync(session, frozen, pool, cancellation);

    /// <summary>The rounds whose frozen entity pool held <paramref name="entityId"/>.</summary>
    public Task<IReadOnlyList<(string TaskId, int Round)>> RoundsHoldingAsync(string entityId, CancellationToken cancellation) =>
        copies.RoundsHoldingAsync(entityId, cancellation);

    /// <summary>
    /// The entity pool of a frozen round: the copy its <see cref="PoolCopyKept"/> names, or rebuilt from the directory as
    /// of its position when there is no such record or copy (a round frozen before copies were kept, or a copy lost).
    /// Either way the caller checks its root.
    /// </summary>
    public async Task<EntityPool> RestoreAsync(IQuerySession session, PoolFrozen pool, CancellationToken cancellation)
    {
        _restores.Add(1);
        var records = await session.Events.FetchStreamAsync(StreamKeys.PoolCopy(pool.TaskId), token: cancellation);
        var kept = records.Select(e => e.Data).OfType<PoolCopyKept>().LastOrDefault(k => k.Round == pool.Round && k.EntityRoot == pool.EntityRoot);
        return kept is not null && await copies.ReadAsync(kept.CopySha256, cancellation) is { } copy
            ? EntityPool.Restore(copy, kept)
            : (await MembersAsync(session, pool, pool.Excluded, cancellation)).Freeze();
    }

    /// <summary>
    /// A frozen round's pools read again from the directories as of its position, as the freeze read them (for
    /// verification): the exclusions found again from the ledger, the entity members without those samples, and the
    /// inspectors and conflicts with certificates judged on the freeze's date.
    /// </summary>
    public async Task<RebuiltPools> RebuildAsync(IQuerySession session, PoolFrozen pool, CancellationToken cancellation)
    {
        var excluded = await ExclusionsAsync(session, pool.TaskId, pool.Year, pool.Task, pool.AsOfSequence);
        var members = await MembersAsync(session, pool, excluded, cancellation);
        var inspectors = await InspectorsAsync(session, pool.Jurisdiction, pool.Task.CapacityCap, pool.AsOfSequence, BeijingTime.DateOf(pool.FrozenAt));
        return new RebuiltPools(members, Inspectors(inspectors), Conflicts(inspectors), excluded);
    }

    /// <summary>The entity members of a frozen round as of its position, without the earlier samples in <paramref name="excluded"/>.</summary>
    private async Task<EntityPoolBuilder> MembersAsync(IQuerySession session, PoolFrozen pool, IReadOnlyList<ExcludedSample> excluded, CancellationToken cancellation)
    {
        var filter = new PopulationFilter(pool.Jurisdiction, pool.EntityTypes, pool.Task.Targeting, pool.Task.StratifyBy);
        return await entities.MembersAsync(filter, pool.AsOfSequence, await SampledAsync(session, excluded, pool.AsOfSequence), cancellation);
    }

    /// <summary>Earlier executed rounds of other tasks of the same year sharing an item, as of <paramref name="position"/>.</summary>
    private static async Task<IReadOnlyList<ExcludedSample>> ExclusionsAsync(IQuerySession session, string taskId, int year, SamplingTaskSpec spec, long position)
    {
        if (!spec.ExcludeInspectedThisYear)
        {
            return [];
        }

        var candidates = await session.Query<TaskDrawView>()
            .Where(view => view.Year == year && view.Id != taskId)
            .ToListAsync();
        var excluded = new List<ExcludedSample>();
        foreach (var view in candidates.Where(view => view.ItemCodes.Intersect(spec.ItemCodes).Any()).OrderBy(view => view.Id, StringComparer.Ordinal))
        {
            var earlier = (await TaskDraws.LoadAsync(session, view.Id, position)).State;
            var executed = earlier?.Rounds.LastOrDefault(round => round.Execution is not null);
            if (executed is not null)
            {
                excluded.Add(new ExcludedSample(view.Id, executed.Number, executed.Sample().Count));
            }
        }

        return excluded;
    }

    private static async Task<IReadOnlySet<string>> SampledAsync(IQuerySession session, IReadOnlyList<ExcludedSample> excluded, long position)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sample in excluded)
        {
            var earlier = (await TaskDraws.LoadAsync(session, sample.TaskId, position)).Existing(sample.TaskId);
            ids.UnionWith(earlier.RoundNumber(sample.Round).Sample());
        }

        return ids;
    }

    private sealed record PooledInspector(InspectorRevision Revision, InspectorMember Member);

    /// <summary>
    /// Inspectors of the task's jurisdiction valid at <paramref name="position"/>, retired ones left out. A suspended
    /// inspector, or staff whose enforcement certificate is not valid on <paramref name="today"/>, is frozen as inactive
    /// (so the transcript shows the skip). Every member's capacity is the task's cap.
    /// </summary>
    private static async Task<IReadOnlyList<PooledInspector>> InspectorsAsync(IQuerySession session, DivisionCode jurisdiction, int capacityCap, long position, LocalDate today)
    {
        var prefix = jurisdiction.CoveredPrefix;
        var revisions = await session.Query<InspectorRevision>()
            .Where(x => x.FromSequence <= position && (x.ToSequence == null || x.ToSequence > position))
            .Where(x => x.Jurisdiction.StartsWith(prefix) && x.Status != InspectorStatus.Retired)
            .ToListAsync();
        return [.. revisions.Select(revision =>
        {
            var certified = revision.IsExternal || (revision.CertificateValidFrom <= today && today <= revision.CertificateValidTo);
            var active = revision.Status == InspectorStatus.Active && certified;
            return new PooledInspector(revision, new InspectorMember(revision.InspectorId, revision.Unit, revision.Expertise, capacityCap, active));
        })];
    }

    private static InspectorPool Inspectors(IReadOnlyList<PooledInspector> inspectors) =>
        InspectorPool.Freeze(inspectors.Select(inspector => inspector.Member));

    private static ConflictPool Conflicts(IReadOnlyList<PooledInspector> inspectors) =>
        ConflictPool.Freeze(inspectors.SelectMany(inspector => inspector.Revision.Conflicts.Select(entity => new ConflictPair(inspector.Revision.InspectorId, entity))));
}
