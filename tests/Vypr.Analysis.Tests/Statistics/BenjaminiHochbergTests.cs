using System;
using System.Linq;
using Vypr.Analysis.Statistics;
using Xunit;

namespace Vypr.Analysis.Tests.Statistics;

public sealed class BenjaminiHochbergTests
{
    [Fact]
    public void Adjusted_values_match_the_step_up_procedure_by_hand()
    {
        // Sorted p: 0.01, 0.02, 0.03, 0.5 with m = 4: raw adjustments 0.04, 0.04, 0.04, 0.5 (monotone from the top).
        double[] adjusted = BenjaminiHochberg.Adjust([0.03, 0.5, 0.01, 0.02]);
        Assert.Equal([0.04, 0.5, 0.04, 0.04], adjusted.Select(a => Math.Round(a, 12)).ToArray());
        Assert.Equal([true, false, true, true], BenjaminiHochberg.Discoveries([0.03, 0.5, 0.01, 0.02], 0.05));
    }

    [Fact]
    public void NaN_counts_as_no_evidence()
    {
        Assert.Equal(1, BenjaminiHochberg.Adjust([double.NaN, 0.001])[0]);
    }

    [Fact]
    public void False_discovery_proportion_averages_at_most_q_on_simulated_tests()
    {
        var random = new Random(4);
        const double q = 0.1;
        double fdpSum = 0;
        const int experiments = 400;
        for (int e = 0; e < experiments; e++)
        {
            // 80 true nulls (uniform p) and 20 real effects (p concentrated near 0).
            double[] p = Enumerable.Range(0, 100).Select(i => i < 80 ? random.NextDouble() : Math.Pow(random.NextDouble(), 8) * 0.01).ToArray();
            bool[] d = BenjaminiHochberg.Discoveries(p, q);
            int discoveries = d.Count(x => x);
            int falseOnes = d.Take(80).Count(x => x);
            fdpSum += discoveries == 0 ? 0 : (double)falseOnes / discoveries;
        }

        // Theory: FDR = q * 80/100 = 0.08; allow simulation error.
        Assert.InRange(fdpSum / experiments, 0, q);
    }

    [Fact]
    public void Under_the_complete_null_the_chance_of_any_discovery_is_at_most_q()
    {
        var random = new Random(5);
        int withAny = 0;
        const int experiments = 1000;
        for (int e = 0; e < experiments; e++)
        {
            double[] p = Enumerable.Range(0, 40).Select(_ => random.NextDouble()).ToArray();
            if (BenjaminiHochberg.Discoveries(p, 0.05).Any(x => x))
            {
                withAny++;
            }
        }

        // 5% of 1000 = 50; binomial 99.9% upper bound about 73.
        Assert.InRange(withAny, 0, 75);
    }
}
