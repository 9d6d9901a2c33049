using System;
using System.Linq;
using Vypr.Analysis.Statistics;
using Xunit;

namespace Vypr.Analysis.Tests.Statistics;

public sealed class HodgesLehmannTests
{
    [Theory]
    [InlineData(8, 0.03)]
    [InlineData(20, 0.05)]
    [InlineData(40, 0.10)]
    public void The_95_percent_interval_covers_the_true_ratio_about_95_percent_of_the_time(int size, double noise)
    {
        var random = new Random(size);
        const double trueRatio = 1.2;
        int covered = 0;
        const int trials = 300;
        for (int t = 0; t < trials; t++)
        {
            double[] x = Samples(random, size, 1000, noise);
            double[] y = Samples(random, size, 1000 * trueRatio, noise);
            RatioEstimate r = HodgesLehmann.Ratio(x, y, 0.95);
            if (r.Lower <= trueRatio && trueRatio <= r.Upper)
            {
                covered++;
            }
        }

        // Exact intervals are conservative (at least 95%); a binomial band around 95% of 300 is about 270 to 296.
        Assert.InRange(covered, 270, 300);
    }

    [Fact]
    public void A_shift_is_estimated_near_its_true_size()
    {
        var random = new Random(3);
        double[] x = Samples(random, 50, 500, 0.02);
        double[] y = Samples(random, 50, 750, 0.02);
        RatioEstimate r = HodgesLehmann.Ratio(x, y);
        Assert.InRange(r.Ratio, 1.47, 1.53);
        Assert.True(r.Lower > 1.4 && r.Upper < 1.6);
    }

    [Fact]
    public void Large_samples_are_thinned_and_still_estimate_the_ratio_with_a_tight_interval()
    {
        var random = new Random(6);
        double[] x = Samples(random, 20_000, 1000, 0.05);
        double[] y = Samples(random, 5_000, 1100, 0.05);
        RatioEstimate r = HodgesLehmann.Ratio(x, y);
        Assert.InRange(r.Ratio, 1.09, 1.11);
        Assert.True(r.Lower > 1.08 && r.Upper < 1.12, $"{r.Lower}..{r.Upper}");
        Assert.True(r.Lower <= 1.1 && 1.1 <= r.Upper);
    }

    [Fact]
    public void Too_small_samples_give_an_unbounded_interval_rather_than_a_false_one()
    {
        RatioEstimate r = HodgesLehmann.Ratio([1.0], [2.0], 0.95);
        Assert.Equal(2.0, r.Ratio, 9);
        Assert.Equal(0, r.Lower);
        Assert.True(double.IsPositiveInfinity(r.Upper));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_value_that_is_not_positive_and_finite_is_refused_with_its_position(double bad)
    {
        var e = Assert.Throws<ArgumentException>(() => HodgesLehmann.Ratio([1, 2, bad], [1, 2, 3]));
        Assert.Contains("Value 2", e.Message, StringComparison.Ordinal);
    }

    internal static double[] Samples(Random random, int count, double median, double sigma) =>
        Enumerable.Range(0, count).Select(_ => median * Math.Exp(sigma * Gaussian(random))).ToArray();

    internal static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
