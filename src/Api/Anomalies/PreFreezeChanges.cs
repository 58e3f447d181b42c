using System.Security.Claims;
using FairDraw.Ledger;
using FairDraw.Ledger.Draws;
using FairDraw.Projections.Directories;
using FairDraw.Projections.Draws;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Anomalies;

/// <summary>A field of the pool's filter that a directory event moved across its condition: its value before, after.</summary>
public sealed record CrossedField(string Field, string Before, string After);

/// <summary>One directory event that crossed the filter: the event, who wrote it and when, and the fields it crossed.</summary>
public sealed record CrossingChange(
    long Sequence, string Stream, string Type, string Actor, Instant At, IReadOnlyList<CrossedField> Fields);

/// <summary>
/// An entity whose membership of a pool differs between the window's start and the freeze, with the changes that did it.
/// </summary>
public sealed record CrossingEntity(
    string Uscc, string Name, bool InPoolBefore, bool InPoolAtFreeze, IReadOnlyList<CrossingChange> Changes);

/// <summary>
/// One freeze (the <c>PoolFrozen</c> at <c>Sequence</c>) and the entities directory changes took into or out of its pool
/// in the window: events at or before the freeze's read position <c>AsOfSequence</c> dated from <c>WindowStart</c> on.
/// </summary>
public sealed record FreezeCrossings(
    string TaskId,
    int Round,
    long Sequence,
    string FrozenBy,
    Instant FrozenAt,
    long AsOfSequence,
    Instant WindowStart,
    IReadOnlyList<CrossingEntity> Entities);

public sealed record PreFreezeReport(int Year, string Jurisdiction, int Days, IReadOnlyList<FreezeCrossings> Freezes);

public static class PreFreezeChangesEndpoint
{
    public const string Path = "/api/anomalies/pre-freeze-changes";

    public const int DefaultDays = 30;

    public const int MaxDays = 366;

    /// <summary>
    /// Per freeze of the year's tasks in the jurisdiction, the entities whose directory events in the
    /// <paramref name="days"/> before it changed whether they match the task's filter
    /// (<see cref="PopulationFilter.Criteria"/>; docs/anomalies.md).
    /// </summary>
    [WolverineGet(Path, Name = "PreFreezeChanges")]
    public static async Task<PreFreezeReport> Get(
        int? year,
        string? jurisdiction,
        int? days,
        ClaimsPrincipal user,
        IQuerySession session,
        CancellationToken cancellation)
    {
        var scope = AnomalyScope.For(year, jurisdiction, user);
        var window = days ?? DefaultDays;
        if (window is < 1 or > MaxDays)
        {
            throw DomainException.Invalid(
                "days", $"天数应在1–{MaxDays}之间，实际为“{days}” / days must be 1–{MaxDays}, got '{days}'");
        }

        var freezes = (await scope.EventsAsync(session, cancellation, typeof(PoolFrozen)))
            .Select(e => (e.Citation.Sequence, Frozen: (PoolFrozen)e.Data))
            .Select(e => (e.Sequence, e.Frozen, Start: e.Frozen.FrozenAt - Duration.FromDays(window)))
            .ToList();
        if (freezes.Count == 0)
        {
            return new PreFreezeReport(scope.Year, scope.Jurisdiction.Value, window, []);
        }

        var changes = await session.QueryAsync<EntityRevision>(
            "where from_sequence <= ? and from_nanoseconds >= ? and jurisdiction like ? and data->>'Version' <> '1'",
            cancellation,
            freezes.Max(freeze => freeze.Frozen.AsOfSequence),
            Revision.NanosecondsWithin(freezes.Min(freeze => freeze.Start)),
            scope.Jurisdiction.CoveredPrefix + "%");
        var revisions = changes.ToDictionary(revision => revision.Id, StringComparer.Ordinal);
        var earlier = changes.Select(Previous).Where(id => !revisions.ContainsKey(id)).Distinct(StringComparer.Ordinal)
            .ToArray();
        foreach (var revision in earlier.Length == 0 ? [] : await session.LoadManyAsync<EntityRevision>(cancellation, earlier))
        {
            revisions[revision.Id] = revision;
        }

        var sequences = changes.Select(revision => revision.FromSequence).ToArray();
        var events = (await session.Events.QueryAllRawEvents().Where(e => sequences.Contains(e.Sequence))
            .ToListAsync(cancellation)).ToDictionary(e => e.Sequence);
        return new PreFreezeReport(scope.Year, scope.Jurisdiction.Value, window, [.. freezes.Select(freeze =>
        {
            var (frozen, task) = (freeze.Frozen, freeze.Frozen.Task);
            var filter = new PopulationFilter(frozen.Jurisdiction, frozen.EntityTypes, task.Targeting, task.StratifyBy);
            var inWindow = changes.Where(revision =>
                revision.FromSequence <= frozen.AsOfSequence && revision.FromTime >= freeze.Start);
            var entities = inWindow.GroupBy(revision => revision.StreamKey, StringComparer.Ordinal)
                .Select(entity => Crossing(filter, [.. entity.OrderBy(revision => revision.Version)], revisions, events))
                .OfType<CrossingEntity>()
                .OrderBy(entity => entity.Uscc, StringComparer.Ordinal);
            return new FreezeCrossings(
                frozen.TaskId, frozen.Round, freeze.Sequence, frozen.FrozenBy, frozen.FrozenAt, frozen.AsOfSequence,
                freeze.Start, [.. entities]);
        })]);
    }

    /// <summary>
    /// The entity when its revision before the window and its revision at the freeze (the newest in the window) differ
    /// in membership, with each change in the window that flipped a condition; else null.
    /// </summary>
    private static CrossingEntity? Crossing(
        PopulationFilter filter,
        IReadOnlyList<EntityRevision> changes,
        IReadOnlyDictionary<string, EntityRevision> revisions,
        IReadOnlyDictionary<long, JasperFx.Events.IEvent> events)
    {
        var before = filter.Admits(revisions[Previous(changes[0])].ToState());
        var atFreeze = filter.Admits(changes[^1].ToState());
        if (before == atFreeze)
        {
            return null;
        }

        var crossings = changes.Select(change =>
        {
            var fields = filter.Criteria(revisions[Previous(change)].ToState()).Zip(filter.Criteria(change.ToState()))
                .Where(pair => pair.First.Met != pair.Second.Met)
                .Select(pair => new CrossedField(pair.First.Field, pair.First.Value, pair.Second.Value))
                .ToList();
            var e = events[change.FromSequence];
            var actor = ((IAttributedEvent)e.Data).Actor;
            return new CrossingChange(e.Sequence, e.StreamKey!, e.EventTypeName, actor, change.FromTime, fields);
        });
        return new CrossingEntity(
            changes[0].Uscc, changes[^1].Name, before, atFreeze, [.. crossings.Where(change => change.Fields.Count > 0)]);
    }

    private static string Previous(EntityRevision revision) => Revision.IdFor(revision.StreamKey, revision.Version - 1);
}
