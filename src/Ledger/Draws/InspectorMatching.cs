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
    public static AssignmentTranscript Match(
        DrawSeed seed,
        IReadOnlyList<RankedEntity> selected,
        InspectorPool inspectors,
        ConflictPool conflicts,
        DrawRules rules)
    {
        var held = inspectors.Members.ToDictionary(inspector => inspector.Id, _ => 0, StringComparer.Ordinal);
        var byId = inspectors.Members.ToDictionary(inspector => inspector.Id, StringComparer.Ordinal);
        var selectedById = selected.ToDictionary(entity => entity.Id, StringComparer.Ordinal);
        var walk = EntitySelection.Rank(selected.Select(entity => (entity.Id, entity.Ticket)))
            .Select(entry => selectedById[entry.Id]);
        var entities = new List<EntityAssignment>();
        var infeasible = new List<AssignmentInfeasible>();
        foreach (var entity in walk)
        {
            var expertise = rules.For(entity.Stratum).Expertise;
            var units = new HashSet<string>(StringComparer.Ordinal);
            var candidates = new List<CandidateDecision>();
            var ranked = EntitySelection.Rank(inspectors.Members.Select(inspector => (inspector.Id, seed.Ticket("inspector", entity.Id, inspector.Id))));
            foreach (var (id, ticket) in ranked)
            {
                if (units.Count == rules.InspectorsPerEntity)
                {
                    break;
                }

                var inspector = byId[id];
                var decision = Check(inspector, entity, expertise, conflicts, held[id] >= rules.CapacityOf(inspector), units);
                candidates.Add(new CandidateDecision(id, ticket, decision));
                if (decision == CandidateDecision.Assigned)
                {
                    units.Add(inspector.Unit);
                    held[id] = checked(held[id] + 1);
                }
            }

            entities.Add(new EntityAssignment(entity.Stratum, entity.Id, candidates));
            if (units.Count < rules.InspectorsPerEntity)
            {
                infeasible.Add(new AssignmentInfeasible(entity.Stratum, entity.Id, units.Count, rules.InspectorsPerEntity));
            }
        }

        return new AssignmentTranscript(entities, infeasible);
    }

    private static string Check(
        InspectorMember inspector, RankedEntity entity, string? expertise, ConflictPool conflicts, bool full, HashSet<string> units) =>
        !inspector.Active ? CandidateDecision.Inactive
        : expertise is not null && !inspector.Has(expertise) ? CandidateDecision.NoExpertise
        : conflicts.Declared(inspector.Id, entity.Id) ? CandidateDecision.Recused
        : full ? CandidateDecision.Capacity
        : units.Contains(inspector.Unit) ? CandidateDecision.SameUnit
        : CandidateDecision.Assigned;
}
