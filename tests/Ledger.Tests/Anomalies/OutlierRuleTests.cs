using FairDraw.Ledger.Anomalies;

namespace FairDraw.Ledger.Tests.Anomalies;

/// <summary>The outlier rule: an official's count against the peers' pooled rate, Bonferroni over the tests run.</summary>
public sealed class OutlierRuleTests
{
    private static MeasureTally Tally(string official, int trials, int count, string measure = "substitutions") =>
        new(official, measure, trials, [.. Enumerable.Range(1, count).Select(i => new EventCitation(i, official, "x"))]);

    [Fact]
    public void Given_five_officials_one_substituting_ten_times_as_often_Then_only_that_one_is_flagged_with_its_events()
    {
        IReadOnlyList<MeasureTally> tallies =
            [Tally("a", 100, 2), Tally("b", 100, 2), Tally("c", 100, 20), Tally("d", 100, 1), Tally("e", 100, 3)];

        var (rule, officials) = OutlierRule.Standard.Apply(tallies);

        Assert.Equal(new AppliedRule(0.01, 3, 5, 0.01 / 5), rule);
        var c = officials.Single(official => official.Official == "c").Figures.Single();
        // Peers: 8 of 400 = 0.02; P(X ≥ 20 | 100, 0.02) ≈ 4e-9 (Binomial(100, 0.02) has mean 2).
        Assert.Equal((20, 100, 0.2, 8, 400, 0.02), (c.Count, c.Trials, c.Rate, c.PeerCount, c.PeerTrials, c.PeerRate));
        Assert.Equal(BinomialTail.AtLeast(20, 100, 0.02), c.PValue);
        Assert.True(c.Flagged);
        Assert.Equal(tallies[2].Events, c.Events);
        Assert.All(officials.Where(official => official.Official != "c").SelectMany(official => official.Figures), figure =>
        {
            Assert.False(figure.Flagged);
            Assert.Empty(figure.Events);
        });
    }

    [Fact]
    public void Given_peers_who_never_substitute_When_an_official_substitutes_twice_Then_the_minimum_count_keeps_it_unflagged()
    {
        var (_, officials) = OutlierRule.Standard.Apply([Tally("a", 50, 2), Tally("b", 50, 0), Tally("c", 50, 0)]);

        var a = officials.Single(official => official.Official == "a").Figures.Single();
        Assert.Equal((0.0, (double?)0.0, false), (a.PValue!.Value, a.PeerRate, a.Flagged));

        var (_, three) = OutlierRule.Standard.Apply([Tally("a", 50, 3), Tally("b", 50, 0), Tally("c", 50, 0)]);
        Assert.True(three.Single(official => official.Official == "a").Figures.Single().Flagged);
    }

    [Fact]
    public void Given_a_p_value_below_alpha_but_above_alpha_over_the_tests_run_Then_it_is_not_flagged()
    {
        // Peers 10 of 1000 = 0.01; P(X ≥ 5 | 100, 0.01) ≈ 0.0034 < 0.01, but 0.01 / 3 tests ≈ 0.0033 is lower.
        var (rule, officials) = OutlierRule.Standard.Apply([Tally("a", 100, 5), Tally("b", 500, 5), Tally("c", 500, 5)]);

        var a = officials.Single(official => official.Official == "a").Figures.Single();
        Assert.InRange(a.PValue!.Value, rule.Threshold!.Value, rule.Alpha);
        Assert.False(a.Flagged);
    }

    [Fact]
    public void Given_an_official_without_trials_or_without_peers_Then_the_figure_is_not_tested_and_no_test_is_counted()
    {
        var (alone, figures) = OutlierRule.Standard.Apply([Tally("a", 10, 5)]);
        Assert.Equal((0, (double?)null), (alone.Tests, alone.Threshold));
        Assert.Null(figures.Single().Figures.Single().PValue);

        var (rule, officials) = OutlierRule.Standard.Apply([Tally("a", 0, 4), Tally("b", 10, 1), Tally("c", 10, 1)]);
        var a = officials.Single(official => official.Official == "a").Figures.Single();
        Assert.Equal((null, null, false), (a.Rate, a.PValue, a.Flagged));
        Assert.Equal(2, rule.Tests);
    }

    [Fact]
    public void Each_measure_is_pooled_over_its_own_peers()
    {
        var (rule, officials) = OutlierRule.Standard.Apply(
            [Tally("a", 100, 30), Tally("b", 100, 1), Tally("a", 10, 1, "redraws"), Tally("b", 10, 9, "redraws")]);

        var a = officials.Single(official => official.Official == "a");
        Assert.Equal([(1, 100), (9, 10)], a.Figures.Select(figure => (figure.PeerCount, figure.PeerTrials)));
        Assert.Equal(4, rule.Tests);
    }
}
