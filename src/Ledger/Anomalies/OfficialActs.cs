using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Results;
using NodaTime;

namespace FairDraw.Ledger.Anomalies;

/// <summary>One ledger event as the anomaly views cite it: its position, stream and stored type name.</summary>
public sealed record EventCitation(long Sequence, string Stream, string Type);

/// <summary>A ledger event with its citation, as read from the event store in ledger order.</summary>
public sealed record CitedEvent(EventCitation Citation, object Data);

/// <summary>
/// What one official's rate counts, and out of what (docs/anomalies.md, "Measures"). Each count names the events
/// behind it; the trials are the official's own acts that could each have led to one.
/// </summary>
public sealed record MeasureTally(string Official, string Measure, int Trials, IReadOnlyList<EventCitation> Events)
{
    public int Count => Events.Count;
}

/// <summary>The measures of the per-official anomaly view: name, what is counted and per what.</summary>
public sealed record Measure(string Name, string Counts, string Per);

/// <summary>
/// The fold of a year's task and result streams into per-official tallies: every measure's count with the events behind
/// it and its trials, each attributed to the official who wrote the event (its "…By"), as the draw-adjustment statistics
/// attribute them.
/// </summary>
public static class OfficialActs
{
    private const string AssignedObjects = "objects the official assigned inspectors to (InspectorsAssigned)";

    private const string CommittedRounds = "rounds the official committed (DrawCommitted)";

    public static readonly Measure Substitutions = new("substitutions", "EntitySubstituted written", AssignedObjects);

    public static readonly Measure NextTicketReassignments = new(
        "next-ticket-reassignments", "InspectorReassigned written, rule next-ticket", AssignedObjects);

    public static readonly Measure ManualReassignments = new(
        "manual-reassignments", "InspectorReassigned written, rule manual (合理调整)", AssignedObjects);

    public static readonly Measure Redraws = new(
        "redraws", "PoolFrozen written for round 2 or later (frozen with a reason)", "rounds the official froze (PoolFrozen)");

    public static readonly Measure LapsedRounds = new(
        "lapsed-rounds", "rounds the official committed that are lapsed (RoundStates.Of)", CommittedRounds);

    public static readonly Measure LapsedAfterResolution = new(
        "lapsed-after-resolution",
        "lapsed rounds the official committed that lapsed after their sources resolved (at LapsesAt, not PublishBy)",
        CommittedRounds);

    public static readonly Measure LatePublications = new(
        "late-publications", "InspectionResultPublished written with Late", "publications the official wrote");

    public static readonly Measure PublicationExemptions = new(
        "publication-exemptions", "PublicationExemptionFiled written",
        "publications and exemption filings the official wrote");

    public static IReadOnlyList<Measure> All { get; } =
    [
        Substitutions, NextTicketReassignments, ManualReassignments, Redraws, LapsedRounds, LapsedAfterResolution,
        LatePublications, PublicationExemptions,
    ];

    /// <summary>
    /// The tallies of every official who has a trial or a counted event in <paramref name="events"/> (task and result
    /// streams, in ledger order), one per official and measure. A round's state is taken at <paramref name="now"/>.
    /// </summary>
    public static IReadOnlyList<MeasureTally> Tally(IReadOnlyList<CitedEvent> events, Instant now)
    {
        var trials = new Dictionary<(string Official, string Measure), int>();
        var counted = new Dictionary<(string Official, string Measure), List<EventCitation>>();
        void Trial(string official, Measure measure, int count = 1) =>
            trials[(official, measure.Name)] = trials.GetValueOrDefault((official, measure.Name)) + count;
        void Count(string official, Measure measure, params EventCitation[] citations)
        {
            if (!counted.TryGetValue((official, measure.Name), out var list))
            {
                counted[(official, measure.Name)] = list = [];
            }

            list.AddRange(citations);
        }

        // Each task's draw folded as it goes, with the citation of each round's commitment (the lapsed round's act).
        var draws = new Dictionary<string, (TaskDraw? Draw, Dictionary<int, EventCitation> Commitments)>(
            StringComparer.Ordinal);
        foreach (var (citation, data) in events)
        {
            switch (data)
            {
                case PoolFrozen frozen:
                    Trial(frozen.FrozenBy, Redraws);
                    if (frozen.Round > 1)
                    {
                        Count(frozen.FrozenBy, Redraws, citation);
                    }

                    break;
                case DrawCommitted committed:
                    Trial(committed.CommittedBy, LapsedRounds);
                    Trial(committed.CommittedBy, LapsedAfterResolution);
                    break;
                case InspectorsAssigned assigned:
                    Trial(assigned.AssignedBy, Substitutions, assigned.Assignments.Count);
                    Trial(assigned.AssignedBy, NextTicketReassignments, assigned.Assignments.Count);
                    Trial(assigned.AssignedBy, ManualReassignments, assigned.Assignments.Count);
                    break;
                case EntitySubstituted substituted:
                    Count(substituted.SubstitutedBy, Substitutions, citation);
                    break;
                case InspectorReassigned reassigned:
                    var rule = reassigned.Rule == ReassignmentRules.Manual ? ManualReassignments : NextTicketReassignments;
                    Count(reassigned.ReassignedBy, rule, citation);
                    break;
                case InspectionResultPublished published:
                    Trial(published.PublishedBy, LatePublications);
                    Trial(published.PublishedBy, PublicationExemptions);
                    if (published.Late)
                    {
                        Count(published.PublishedBy, LatePublications, citation);
                    }

                    break;
                case PublicationExemptionFiled filed:
                    Trial(filed.FiledBy, PublicationExemptions);
                    Count(filed.FiledBy, PublicationExemptions, citation);
                    break;
            }

            if (data is IDrawEvent draw)
            {
                var (folded, commitments) = draws.GetValueOrDefault(draw.TaskId, (null, []));
                if (data is DrawCommitted)
                {
                    commitments[draw.Round] = citation;
                }

                draws[draw.TaskId] = (TaskDraw.Evolve(folded, data), commitments);
            }
        }

        foreach (var (draw, commitments) in draws.Values)
        {
            foreach (var round in draw?.Rounds ?? [])
            {
                if (round.Commitment is { } committed && RoundStates.Of(draw!, round, now) == RoundState.Lapsed)
                {
                    var citation = commitments[round.Number];
                    Count(committed.CommittedBy, LapsedRounds, citation);
                    if (RoundStates.LapsedAt(round) != committed.PublishBy)
                    {
                        Count(committed.CommittedBy, LapsedAfterResolution, citation);
                    }
                }
            }
        }

        var officials = trials.Keys.Concat(counted.Keys).Select(key => key.Official).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return [.. officials.SelectMany(official => All.Select(measure => new MeasureTally(
            official,
            measure.Name,
            trials.GetValueOrDefault((official, measure.Name)),
            [.. counted.GetValueOrDefault((official, measure.Name)) ?? []])))];
    }
}
