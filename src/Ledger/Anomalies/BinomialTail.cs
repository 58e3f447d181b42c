namespace FairDraw.Ledger.Anomalies;

/// <summary>The exact upper tail of the binomial distribution, the one-sided test of docs/anomalies.md.</summary>
public static class BinomialTail
{
    /// <summary>
    /// P(X ≥ <paramref name="count"/>) for X ~ Binomial(<paramref name="trials"/>, <paramref name="rate"/>): the sum of
    /// the exact probabilities of <paramref name="count"/> … <paramref name="trials"/> successes. The terms are summed
    /// in logarithms relative to the largest, so a tail far below 1e-308 is 0 and nothing overflows; a count above the
    /// trials cannot happen (0), and at most zero successes always does (1).
    /// </summary>
    public static double AtLeast(int count, int trials, double rate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        if (double.IsNaN(rate) || rate < 0 || rate > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "a rate lies in [0, 1]");
        }

        if (count <= 0)
        {
            return 1;
        }

        if (count > trials || rate == 0)
        {
            return 0;
        }

        if (rate == 1)
        {
            return 1;
        }

        // ln P(X = count) = ln C(trials, count) + count ln p + (trials − count) ln(1 − p), then each next term by the ratio
        // P(X = i + 1) / P(X = i) = (trials − i) / (i + 1) · p / (1 − p).
        var logOdds = Math.Log(rate) - double.LogP1(-rate);
        var term = LogChoose(trials, count) + (count * Math.Log(rate)) + ((trials - count) * double.LogP1(-rate));
        var largest = term;
        var sum = 1.0; // Σ exp(term_i − largest), the first term counting 1
        for (var i = count; i < trials; i++)
        {
            term += Math.Log(trials - i) - Math.Log(i + 1) + logOdds;
            if (term > largest)
            {
                sum = (sum * Math.Exp(largest - term)) + 1;
                largest = term;
            }
            else
            {
                var share = Math.Exp(term - largest);
                sum += share;
                // Past the mode the terms only shrink, and faster than geometrically: the rest cannot move the sum.
                if (share < 1e-18 * sum && i + 1 > (trials + 1) * rate)
                {
                    break;
                }
            }
        }

        return Math.Min(1, Math.Exp(largest + Math.Log(sum)));
    }

    /// <summary>ln C(n, k) as a sum of logarithms over the smaller side (ten digits and more for a year's sizes).</summary>
    private static double LogChoose(int n, int k)
    {
        var smaller = Math.Min(k, n - k);
        var sum = 0.0;
        for (var j = 1; j <= smaller; j++)
        {
            sum += Math.Log(n - smaller + j) - Math.Log(j);
        }

        return sum;
    }
}
