using FairDraw.Ledger.Draws.Engine;

namespace FairDraw.Ledger.Draws;

/// <summary>What the walk decided about one candidate inspector: "assigned" or the skip reason.</summary>
public sealed record CandidateDecision(string InspectorId, byte[] Ticket, string Decision)
{
    public const string Assigned = "assigned";
    public const string Inactive = "inactive";
    public const string NoExpertise = "no-expertise";
    public const string Recused = "recused";
    public const string Capacity = "capacity";
    public const string SameUnit = "same-unit";

    /// <summary>Only adjustments record it: the inspector was taken off this entity before and never returns to it.</summary>
    public const string Removed = "removed";
}

/// <summary>The candidates consulted for one selected entity, in ticket order, up to the last one needed.</summary>
public sealed record EntityAssignment(string Stratum, string EntityId, IReadOnlyList<CandidateDecision> Candidates)
{
    public IReadOnlyList<string> Assigned =>
        [.. Candidates.Where(candidate => candidate.Decision == CandidateDecision.Assigned).Select(candidate => candidate.InspectorId)];
}

/// <summary>The inspector list ran out before <see cref="Required"/> inspectors were found for the entity.</summary>
public sealed record AssignmentInfeasible(string Stratum, string EntityId, int Found, int Required);

/// <summary>The full matching transcript: one entry per selected entity in walk order, and the infeasible ones.</summary>
public sealed record AssignmentTranscript(IReadOnlyList<EntityAssignment> Entities, IReadOnlyList<AssignmentInfeasible> Infeasible);

/// <summary>
/// Deterministic inspector matching. The selected entities are walked in ascending order of their entity tickets
/// (across strata; ties by enc(id)); for entity b every inspector is ranked by ticket("inspector", b, inspectorId)
/// and taken in that order unless the first failing check, evaluated in the order inactive, no-expertise, recused,
/// capacity, same-unit, skips it. The walk for b stops as soon as the required number is assigned; inspectors found
/// for an infeasible entity stay assigned (and hold capacity) and the shortfall is recorded, never retried.
/// </summary>
public static class InspectorMatching
{
    /// <summary>How many entities of the walk have their inspectors ranked at once (on every core) before they are walked.</summary>
    private const int Batch = 256;

    /// <summary>Entities per chunk of that ranking: one HMAC key schedule and one sort-key buffer serve a chunk.</summary>
    private const int ChunkSize = 16;

    public static AssignmentTranscript Match(
        DrawSeed seed,
        IReadOnlyList<RankedEntity> selected,
        InspectorPool inspectors,
        ConflictPool conflicts,
        DrawRules rules)
    {
        var members = inspectors.Members;
        var held = new int[members.Count];
        var selectedById = selected.ToDictionary(entity => entity.Id, StringComparer.Ordinal);
        List<RankedEntity> walk = [.. EntitySelection.Rank(selected.Select(entity => (entity.Id, entity.Ticket)))
            .Select(entry => selectedById[entry.Id])];
        var tickets = new byte[Math.Min(Batch, walk.Count)][];
        var orders = new int[tickets.Length][];
        var entities = new List<EntityAssignment>(walk.Count);
        var infeasible = new List<AssignmentInfeasible>();
        for (var first = 0; first < walk.Count; first += Batch)
        {
            // An entity's ranking does not depend on the walk, only the checks do: rank a batch in parallel, then walk it.
            var batch = walk.GetRange(first, Math.Min(Batch, walk.Count - first));
            RankInspectors(seed, batch, members, tickets, orders);
            for (var k = 0; k < batch.Count; k++)
            {
                var entity = batch[k];
                var expertise = rules.For(entity.Stratum).Expertise;
                var units = new HashSet<string>(StringComparer.Ordinal);
                var candidates = new List<CandidateDecision>();
                foreach (var i in orders[k])
                {
                    if (units.Count == rules.InspectorsPerEntity)
                    {
                        break;
                    }

                    var inspector = members[i];
                    var decision = Check(inspector, entity, expertise, conflicts, held[i] >= rules.CapacityOf(inspector), units);
                    candidates.Add(new CandidateDecision(inspector.Id, EntitySelection.TicketAt(tickets[k], i).ToArray(), decision));
                    if (decision == CandidateDecision.Assigned)
                    {
                        units.Add(inspector.Unit);
                        held[i] = checked(held[i] + 1);
                    }
                }

                entities.Add(new EntityAssignment(entity.Stratum, entity.Id, candidates));
                if (units.Count < rules.InspectorsPerEntity)
                {
                    infeasible.Add(new AssignmentInfeasible(entity.Stratum, entity.Id, units.Count, rules.InspectorsPerEntity));
                }
            }
        }

        return new AssignmentTranscript(entities, infeasible);
    }

    /// <summary>
    /// Continues one entity's walk (substitution, reassignment; docs/draw-protocol.md §10): its inspector ranking from
    /// position <paramref name="from"/> on, against the counts held now and the units of the inspectors the entity
    /// keeps, until <paramref name="needed"/> more are assigned or the ranking runs out; the inspectors taken off the
    /// entity (<paramref name="removed"/>) are skipped as <see cref="CandidateDecision.Removed"/>. Consulted candidates only.
    /// </summary>
    public static EntityAssignment Continue(
        DrawSeed seed,
        string stratum,
        string entityId,
        InspectorPool inspectors,
        ConflictPool conflicts,
        DrawRules rules,
        IReadOnlyDictionary<string, int> held,
        IEnumerable<string> keptUnits,
        IReadOnlySet<string> removed,
        int from,
        int needed)
    {
        var members = inspectors.Members;
        var entity = new RankedEntity(stratum, entityId, [], 0);
        byte[][] tickets = [null!];
        int[][] orders = [null!];
        RankInspectors(seed, [entity], members, tickets, orders);
        var expertise = rules.For(stratum).Expertise;
        var units = new HashSet<string>(keptUnits, StringComparer.Ordinal);
        var taken = new Dictionary<string, int>(StringComparer.Ordinal);
        var candidates = new List<CandidateDecision>();
        foreach (var i in orders[0].Skip(from))
        {
            if (candidates.Count(candidate => candidate.Decision == CandidateDecision.Assigned) == needed)
            {
                break;
            }

            var inspector = members[i];
            var holds = held.GetValueOrDefault(inspector.Id) + taken.GetValueOrDefault(inspector.Id);
            var decision = removed.Contains(inspector.Id)
                ? CandidateDecision.Removed
                : Check(inspector, entity, expertise, conflicts, holds >= rules.CapacityOf(inspector), units);
            candidates.Add(new CandidateDecision(inspector.Id, EntitySelection.TicketAt(tickets[0], i).ToArray(), decision));
            if (decision == CandidateDecision.Assigned)
            {
                units.Add(inspector.Unit);
                taken[inspector.Id] = taken.GetValueOrDefault(inspector.Id) + 1;
            }
        }

        return new EntityAssignment(stratum, entityId, candidates);
    }

    /// <summary>What the walk would decide for <paramref name="inspector"/> on the entity now (a manual reassignment must get "assigned").</summary>
    public static string Decide(InspectorMember inspector, string stratum, string entityId, ConflictPool conflicts, DrawRules rules, int held, IEnumerable<string> units) =>
        Check(inspector, new RankedEntity(stratum, entityId, [], 0), rules.For(stratum).Expertise, conflicts, held >= rules.CapacityOf(inspector), [.. units]);

    /// <summary>
    /// For entity k of <paramref name="batch"/>: every inspector's ticket("inspector", b, inspectorId) into tickets[k] (in
    /// pool order) and the inspectors' indices in ranking order into orders[k]. The buffers are reused from batch to batch.
    /// </summary>
    private static void RankInspectors(
        DrawSeed seed, List<RankedEntity> batch, IReadOnlyList<InspectorMember> members, byte[][] tickets, int[][] orders) =>
        Chunks.For(batch.Count, ChunkSize, (from, to) =>
        {
            using var writer = seed.Tickets("inspector", batch[from].Id);
            var keys = new ulong[members.Count];
            for (var k = from; k < to; k++)
            {
                writer.Lead("inspector", batch[k].Id);
                tickets[k] ??= new byte[members.Count * DrawSeed.TicketSize];
                orders[k] ??= new int[members.Count];
                for (var i = 0; i < members.Count; i++)
                {
                    writer.Write(members[i].Id, EntitySelection.TicketAt(tickets[k], i));
                }

                EntitySelection.Order(tickets[k], keys, orders[k], i => members[i].Id);
            }
        });

    private static string Check(
        InspectorMember inspector, RankedEntity entity, string? expertise, ConflictPool conflicts, bool full, HashSet<string> units) =>
        !inspector.Active ? CandidateDecision.Inactive
        : expertise is not null && !inspector.Has(expertise) ? CandidateDecision.NoExpertise
        : conflicts.Declared(inspector.Id, entity.Id) ? CandidateDecision.Recused
        : full ? CandidateDecision.Capacity
        : units.Contains(inspector.Unit) ? CandidateDecision.SameUnit
        : CandidateDecision.Assigned;
}
