using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;

namespace FairDraw.Ledger.Tests.Draws;

public sealed class InclusionFrequencyTests
{
    [Fact]
    public void Every_entity_is_drawn_with_frequency_consistent_with_n_over_N()
    {
        // 2,000 fixed seeds (source values), a pool of N = 50, n = 10: each entity is expected 2000 × 10 / 50 = 400 times.
        // Pearson's statistic over the 50 counts is compared with the chi-square critical value for p = 0.001 at
        // 49 degrees of freedom, 85.35 (NIST/SEMATECH e-Handbook table 1.3.6.7.4). The counts sum to a constant, which
        // makes the statistic smaller than a free chi-square, so the test is conservative; the seeds are fixed, so it
        // is deterministic.
        const int Draws = 2000;
        var rules = new DrawRules([new StratumRule("A", new SamplingRatio(1, 5))], 2, 3);
        var inputs = RandomPools.Inputs(7, rules, ("A", 50)) with { Inspectors = [], Conflicts = [] };
        var baseline = DrawRun.Of(inputs);
        var counts = inputs.Entities.ToDictionary(entity => entity.Id, _ => 0);
        for (var seed = 0; seed < Draws; seed++)
        {
            var randomness = RandomnessRecord.Create(baseline.Commitment, DrawInputs.StandardValues(RandomPools.SignatureFor(1000 + seed)));
            var selection = EntitySelection.Draw(DrawSeed.Derive(baseline.Commitment, randomness), baseline.EntityPool, rules);
            Assert.Equal(10, selection.Selected.Count);
            foreach (var entity in selection.Selected)
            {
                counts[entity.Id]++;
            }
        }

        const double Expected = Draws * 10.0 / 50;
        var statistic = counts.Values.Sum(observed => (observed - Expected) * (observed - Expected) / Expected);
        Assert.True(statistic < 85.35, $"chi-square {statistic:F2} ≥ 85.35 (49 df, p = 0.001)");
        Assert.True(statistic > 0, "every entity drawn exactly equally often would itself be suspicious");
    }
}
