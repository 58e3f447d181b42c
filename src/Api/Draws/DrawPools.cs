using FairDraw.Ledger;
using FairDraw.Ledger.Draws;
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
public sealed class DrawPools(EntityPoolReader entities, FrozenPoolCopies copies)
{
    private static readonly DateTimeZone Beijing = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    /// <summary>
    /// The pools as of the newest ledger position that no change in flight can still commit below (the freeze waits for
    /// those in <paramref name="session"/>'s transaction), so that the pool rebuilt as of that position by the
    /// execution's fallback and by every verification is this one.
    /// </summary>
    public async Task<FrozenPools> ReadAsync(IDocumentSession session, PlannedTask task, Instant now, CancellationToken cancellation)
    {
        var position = await entities.SettledPositionAsync(session, cancellation);
        var excluded = await ExclusionsAsync(session, task, position);
        var members = await entities.MembersAsync(PopulationFilter.For(task), position, await SampledAsync(session, excluded, position), cancellation);
        var inspectors = await InspectorsAsync(session, task, position, now.InZone(Beijing).Date);
        return new FrozenPools(
            position,
            members.Freeze(),
            InspectorPool.Freeze(inspectors.Select(inspector => inspector.Member)),
            ConflictPool.Freeze(inspectors.SelectMany(inspector => inspector.Revision.Conflicts.Select(entity => new ConflictPair(inspector.Revision.InspectorId, entity)))),
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

    /// <summary>
    /// The entity pool of a frozen round: the copy its <see cref="PoolCopyKept"/> names, or rebuilt from the directory as
    /// of its position when there is no such record or copy (a round frozen before copies were kept, or a copy lost).
    /// Either way the caller checks its root.
    /// </summary>
    public async Task<EntityPool> RestoreAsync(IQuerySession session, PoolFrozen pool, CancellationToken cancellation)
    {
        var records = await session.Events.FetchStreamAsync(StreamKeys.PoolCopy(pool.TaskId), token: cancellation);
        var kept = records.Select(e => e.Data).OfType<PoolCopyKept>().LastOrDefault(k => k.Round == pool.Round && k.EntityRoot == pool.EntityRoot);
        return kept is not null && await copies.ReadAsync(kept.CopySha256, cancellation) is { } copy
            ? EntityPool.Restore(copy, kept)
            : (await RebuildAsync(session, pool, cancellation)).Freeze();
    }

    /// <summary>The entity members of a frozen round, rebuilt from the directory as of its position (for verification).</summary>
    public async Task<EntityPoolBuilder> RebuildAsync(IQuerySession session, PoolFrozen pool, CancellationToken cancellation)
    {
        var filter = new PopulationFilter(pool.Jurisdiction, pool.EntityTypes, pool.Task.Targeting, pool.Task.StratifyBy);
        return await entities.MembersAsync(filter, pool.AsOfSequence, await SampledAsync(session, pool.Excluded, pool.AsOfSequence), cancellation);
    }

    /// <summary>Earlier executed rounds of other tasks of the same year sharing an item, as of <paramref name="position"/>.</summary>
    private static async Task<IReadOnlyList<ExcludedSample>> ExclusionsAsync(IQuerySession session, PlannedTask task, long position)
    {
        if (!task.Spec.ExcludeInspectedThisYear)
        {
            return [];
        }

        var candidates = await session.Query<TaskDrawView>()
            .Where(view => view.Year == task.Year && view.Id != task.TaskId)
            .ToListAsync();
        var excluded = new List<ExcludedSample>();
        foreach (var view in candidates.Where(view => view.ItemCodes.Intersect(task.Spec.ItemCodes).Any()).OrderBy(view => view.Id, StringComparer.Ordinal))
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
    private static async Task<IReadOnlyList<PooledInspector>> InspectorsAsync(IQuerySession session, PlannedTask task, long position, LocalDate today)
    {
        var prefix = task.Jurisdiction.CoveredPrefix;
        var revisions = await session.Query<InspectorRevision>()
            .Where(x => x.FromSequence <= position && (x.ToSequence == null || x.ToSequence > position))
            .Where(x => x.Jurisdiction.StartsWith(prefix) && x.Status != InspectorStatus.Retired)
            .ToListAsync();
        return [.. revisions.Select(revision =>
        {
            var certified = revision.IsExternal || (revision.CertificateValidFrom <= today && today <= revision.CertificateValidTo);
            var active = revision.Status == InspectorStatus.Active && certified;
            return new PooledInspector(revision, new InspectorMember(revision.InspectorId, revision.Unit, revision.Expertise, task.Spec.CapacityCap, active));
        })];
    }
}
