using System.Numerics;
using FairDraw.Ledger.Anomalies;

namespace FairDraw.Ledger.Tests.Anomalies;

/// <summary>The exact binomial upper tail against known values and against exact rational arithmetic.</summary>
public sealed class BinomialTailTests
{
    /// <summary>count, trials, rate, P(X ≥ count), and where the value comes from.</summary>
    public static TheoryData<int, int, double, double, string> KnownValues => new()
    {
        { 8, 10, 0.5, 56.0 / 1024, "fair coin: (C(10,8) + C(10,9) + C(10,10)) / 2^10 = (45 + 10 + 1) / 1024" },
        { 7, 10, 0.5, 176.0 / 1024, "fair coin: (120 + 45 + 10 + 1) / 1024" },
        { 1, 10, 0.1, 1 - Math.Pow(0.9, 10), "at least one success is the complement of none: 1 − 0.9^10" },
        { 10, 10, 0.1, 1e-10, "every trial a success: 0.1^10" },
        { 3, 3, 1.0 / 6, 1.0 / 216, "three sixes in three rolls of a die: (1/6)^3" },
        { 0, 5, 0.3, 1, "at least zero successes always happen" },
        { 6, 5, 0.3, 0, "more successes than trials never happen" },
        { 1, 5, 0, 0, "no success can happen at rate 0" },
        { 5, 5, 1, 1, "every trial succeeds at rate 1" },
    };

    [Theory]
    [MemberData(nameof(KnownValues))]
    public void The_tail_equals_the_known_value(int count, int trials, double rate, double expected, string source)
    {
        var computed = BinomialTail.AtLeast(count, trials, rate);
        Assert.True(Math.Abs(computed - expected) <= 1e-14 * Math.Max(expected, 1e-300), $"{source}: {computed}");
    }

    /// <summary>
    /// Every count of small and larger trials at rates a/b, against Σ C(n,i) a^i (b−a)^(n−i) / b^n in integers; the
    /// logarithms lose a few digits over thousands of terms, far below what a p-value needs.
    /// </summary>
    [Theory]
    [InlineData(1, 2, 30)]
    [InlineData(1, 100, 60)]
    [InlineData(3, 7, 45)]
    [InlineData(1, 100, 1000)]
    [InlineData(1, 20, 2000)]
    public void The_tail_equals_exact_rational_arithmetic_to_ten_digits(int a, int b, int trials)
    {
        var tails = ExactTails(trials, a, b);
        for (var count = 0; count <= trials; count++)
        {
            var exact = tails[count];
            var computed = BinomialTail.AtLeast(count, trials, (double)a / b);
            if (exact < 1e-300)
            {
                Assert.True(computed < 1e-290, $"count {count}: {computed} for {exact}");
            }
            else
            {
                var message = $"count {count} of {trials} at {a}/{b}: {computed} for {exact}";
                Assert.True(Math.Abs(computed - exact) <= 1e-10 * exact, message);
            }
        }
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void A_rate_outside_zero_to_one_is_refused(double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BinomialTail.AtLeast(1, 10, rate));

    /// <summary>P(X ≥ count) for every count, from suffix sums of the exact terms, each converted at the end.</summary>
    private static double[] ExactTails(int trials, int a, int b)
    {
        var terms = new BigInteger[trials + 1];
        var choose = BigInteger.One; // C(trials, i), kept as i runs up
        for (var i = 0; i <= trials; i++)
        {
            terms[i] = choose * BigInteger.Pow(a, i) * BigInteger.Pow(b - a, trials - i);
            choose = choose * (trials - i) / (i + 1);
        }

        var denominator = BigInteger.Pow(b, trials);
        var tails = new double[trials + 1];
        var suffix = BigInteger.Zero;
        for (var count = trials; count >= 0; count--)
        {
            suffix += terms[count];
            tails[count] = Quotient(suffix, denominator);
        }

        return tails;
    }

    /// <summary>numerator / denominator, scaled to about 2^80 first so that the conversion keeps every bit.</summary>
    private static double Quotient(BigInteger numerator, BigInteger denominator)
    {
        if (numerator.IsZero)
        {
            return 0;
        }

        var shift = 80 - (int)(numerator.GetBitLength() - denominator.GetBitLength());
        var quotient = shift >= 0 ? (numerator << shift) / denominator : numerator / (denominator << -shift);
        return Math.ScaleB((double)quotient, -shift);
    }
}
