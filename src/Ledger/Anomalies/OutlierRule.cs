namespace FairDraw.Ledger.Anomalies;

/// <summary>
/// One official's figure for one measure against the peers of the same jurisdiction (every other official, pooled):
/// counts, trials and rates (null when there are no trials), the one-sided p-value (null when untested) and the flag.
/// A flagged figure lists the events behind its count; an unflagged one lists none.
/// </summary>
public sealed record OfficialFigure(
    string Measure,
    int Count,
    int Trials,
    double? Rate,
    int PeerCount,
    int PeerTrials,
    double? PeerRate,
    double? PValue,
    bool Flagged,
    IReadOnlyList<EventCitation> Events);

/// <summary>The figures of one official, in the order of <see cref="OfficialActs.All"/>.</summary>
public sealed record OfficialFigures(string Official, IReadOnlyList<OfficialFigure> Figures);

/// <summary>The rule as applied: its parameters, how many tests it ran and the per-test threshold they give.</summary>
public sealed record AppliedRule(double Alpha, int MinimumCount, int Tests, double? Threshold);

/// <summary>
/// The outlier rule (docs/anomalies.md, "The rule"): an official's count of a measure is tested one-sided against the
/// binomial law of its trials at the peers' pooled rate; it is flagged when the exact tail P(X ≥ count) is below
/// <see cref="Alpha"/> divided by the number of tests run (Bonferroni over officials × measures) and the count is at
/// least <see cref="MinimumCount"/>. A test runs when the official has trials and the peers have trials.
/// </summary>
public sealed record OutlierRule(double Alpha = 0.01, int MinimumCount = 3)
{
    public static OutlierRule Standard { get; } = new();

    public (AppliedRule Rule, IReadOnlyList<OfficialFigures> Officials) Apply(IReadOnlyList<MeasureTally> tallies)
    {
        var totals = tallies.GroupBy(tally => tally.Measure, StringComparer.Ordinal).ToDictionary(
            measure => measure.Key,
            measure => (Count: measure.Sum(t => t.Count), Trials: measure.Sum(t => t.Trials)),
            StringComparer.Ordinal);
        var tested = tallies.Select(tally =>
        {
            var (allCount, allTrials) = totals[tally.Measure];
            var (peerCount, peerTrials) = (allCount - tally.Count, allTrials - tally.Trials);
            double? peerRate = peerTrials == 0 ? null : Math.Min(1, (double)peerCount / peerTrials);
            double? p = tally.Trials > 0 && peerRate is { } rate
                ? BinomialTail.AtLeast(tally.Count, tally.Trials, rate)
                : null;
            return (Tally: tally, PeerCount: peerCount, PeerTrials: peerTrials, PeerRate: peerRate, P: p);
        }).ToList();
        var tests = tested.Count(figure => figure.P is not null);
        double? threshold = tests == 0 ? null : Alpha / tests;
        var officials = tested.GroupBy(figure => figure.Tally.Official, StringComparer.Ordinal)
            .Select(official => new OfficialFigures(official.Key, [.. official.Select(figure =>
            {
                var flagged = figure.P < threshold && figure.Tally.Count >= MinimumCount;
                return new OfficialFigure(
                    figure.Tally.Measure,
                    figure.Tally.Count,
                    figure.Tally.Trials,
                    figure.Tally.Trials == 0 ? null : (double)figure.Tally.Count / figure.Tally.Trials,
                    figure.PeerCount,
                    figure.PeerTrials,
                    figure.PeerRate,
                    figure.P,
                    flagged,
                    flagged ? figure.Tally.Events : []);
            })]))
            .ToList();
        return (new AppliedRule(Alpha, MinimumCount, tests, threshold), officials);
    }
}
