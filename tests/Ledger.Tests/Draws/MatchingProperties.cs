using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;

namespace FairDraw.Ledger.Tests.Draws;

public sealed class MatchingProperties
{
    private static readonly DrawRules Rules =
        new([new StratumRule("A", new SamplingRatio(1, 4)), new StratumRule("B", new SamplingRatio(1, 2), "food")], 2, 3);

    [Theory]
    [InlineData(51)]
    [InlineData(52)]
    [InlineData(53)]
    public void Matching_never_breaks_a_rule_and_says_why_each_candidate_was_skipped(int seed)
    {
        var run = DrawRun.Of(RandomPools.Inputs(seed, Rules, ("A", 80), ("B", 40)));
        var inspectors = run.InspectorPool.Members.ToDictionary(inspector => inspector.Id);
        var held = new Dictionary<string, int>();
        foreach (var entity in run.Transcript.Entities)
        {
            var expertise = Rules.For(entity.Stratum).Expertise;
            var units = new HashSet<string>();
            foreach (var candidate in entity.Candidates)
            {
                var inspector = inspectors[candidate.InspectorId];
                var full = held.GetValueOrDefault(inspector.Id) >= Math.Min(inspector.Capacity, Rules.CapacityCap);
                // The first failing check, in the documented order, is the recorded reason; passing all is "assigned".
                var expected = !inspector.Active ? "inactive"
                    : expertise is not null && !inspector.Has(expertise) ? "no-expertise"
                    : run.ConflictPool.Declared(inspector.Id, entity.EntityId) ? "recused"
                    : full ? "capacity"
                    : units.Contains(inspector.Unit) ? "same-unit"
                    : "assigned";
                Assert.Equal(expected, candidate.Decision);
                Assert.Equal(run.Seed.Ticket("inspector", entity.EntityId, inspector.Id), candidate.Ticket);
                if (expected == "assigned")
                {
                    units.Add(inspector.Unit);
                    held[inspector.Id] = held.GetValueOrDefault(inspector.Id) + 1;
                }
            }

            Assert.True(entity.Assigned.Count <= Rules.InspectorsPerEntity);
            Assert.Equal(
                entity.Assigned.Count < Rules.InspectorsPerEntity,
                run.Transcript.Infeasible.Any(infeasible => infeasible.EntityId == entity.EntityId));
        }

        Assert.Contains(run.Transcript.Entities.SelectMany(entity => entity.Candidates), candidate => candidate.Decision != "assigned");
    }

    [Fact]
    public void Candidates_are_consulted_in_ticket_order_and_entities_in_entity_ticket_order()
    {
        var run = DrawRun.Of(RandomPools.Inputs(54, Rules, ("A", 40), ("B", 20)));
        var walk = run.Transcript.Entities.Select(entity => run.Selection.Selected.Single(selected => selected.Id == entity.EntityId).Ticket).ToList();
        Assert.All(walk.Zip(walk.Skip(1)), pair => Assert.True(DrawEncoding.CompareBytes(pair.First, pair.Second) < 0));
        Assert.All(run.Transcript.Entities, entity => Assert.All(
            entity.Candidates.Zip(entity.Candidates.Skip(1)),
            pair => Assert.True(DrawEncoding.CompareBytes(pair.First.Ticket, pair.Second.Ticket) < 0)));
    }

    [Fact]
    public void When_the_list_runs_out_the_shortfall_is_recorded_not_retried()
    {
        // Two active inspectors from one unit: the second is always skipped as same-unit, so every entity gets one.
        var inputs = RandomPools.Inputs(55, Rules, ("A", 8), ("B", 4)) with
        {
            Inspectors = [new InspectorMember("GY-0001", "南明区局", ["food"], 10), new InspectorMember("GY-0002", "南明区局", ["food"], 10)],
            Conflicts = [],
        };
        var run = DrawRun.Of(inputs);
        Assert.Equal(run.Selection.Selected.Count, run.Transcript.Infeasible.Count);
        Assert.All(run.Transcript.Infeasible, infeasible => Assert.Equal((1, 2), (infeasible.Found, infeasible.Required)));
        Assert.All(run.Transcript.Entities, entity => Assert.Equal(["assigned", "same-unit"], entity.Candidates.Select(candidate => candidate.Decision)));
    }

    [Fact]
    public void Fewer_than_two_inspectors_per_object_is_refused() =>
        Support.EventAssert.Fails(DomainErrorKind.Invalid, "inspectorsPerEntity", () => new DrawRules([], 1, 3));
}
