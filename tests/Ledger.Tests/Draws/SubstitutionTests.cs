using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Tests.Support;

namespace FairDraw.Ledger.Tests.Draws;

public sealed class SubstitutionTests
{
    private static readonly DrawRules Rules =
        new([new StratumRule("A", new SamplingRatio(1, 5)), new StratumRule("B", new SamplingRatio(1, 2))], 2, 3);

    [Fact]
    public void Replacements_are_the_next_unused_tickets_of_the_same_stratum()
    {
        var run = DrawRun.Of(RandomPools.Inputs(71, Rules, ("A", 20), ("B", 4)));
        var ranked = run.Selection.RankingOf("A").Ranked;
        var first = EntitySubstitution.Next(run.Selection, [], ranked[1].Id, "注销 deregistered");
        Assert.Equal((ranked[4].Id, "A"), (first.Replacement.Id, first.Stratum));
        // The replacement can itself be replaced; the replaced entity never comes back.
        var second = EntitySubstitution.Next(run.Selection, [first], ranked[4].Id, "unreachable");
        Assert.Equal(ranked[5].Id, second.Replacement.Id);
        EventAssert.Fails(DomainErrorKind.NotFound, "entityId", () => EntitySubstitution.Next(run.Selection, [first, second], ranked[1].Id, "again"));
        EventAssert.Fails(DomainErrorKind.NotFound, "entityId", () => EntitySubstitution.Next(run.Selection, [], ranked[10].Id, "not drawn"));
    }

    [Fact]
    public void A_stratum_with_no_unused_entity_left_cannot_substitute()
    {
        var run = DrawRun.Of(RandomPools.Inputs(72, Rules, ("A", 5), ("B", 4)));
        var ranked = run.Selection.RankingOf("B").Ranked;
        var first = EntitySubstitution.Next(run.Selection, [], ranked[0].Id, "moved out");
        var second = EntitySubstitution.Next(run.Selection, [first], ranked[1].Id, "moved out");
        Assert.Equal([ranked[2].Id, ranked[3].Id], [first.Replacement.Id, second.Replacement.Id]);
        EventAssert.Fails(DomainErrorKind.Conflict, "entityId", () => EntitySubstitution.Next(run.Selection, [first, second], ranked[2].Id, "gone"));
    }
}
