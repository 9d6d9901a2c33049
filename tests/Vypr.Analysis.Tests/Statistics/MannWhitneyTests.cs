using System;
using System.Collections.Generic;
using System.Linq;
using Vypr.Analysis.Statistics;
using Xunit;

namespace Vypr.Analysis.Tests.Statistics;

public sealed class MannWhitneyTests
{
    [Fact]
    public void Exact_p_value_equals_the_share_of_all_relabellings_at_least_as_extreme()
    {
        var random = new Random(1);
        for (int trial = 0; trial < 40; trial++)
        {
            int n = 2 + random.Next(4);
            int m = 2 + random.Next(4);
            double[] x = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
            double[] y = Enumerable.Range(0, m).Select(_ => random.NextDouble() + (0.3 * random.NextDouble())).ToArray();
            double observed = MannWhitney.U(x, y);
            double[] all = x.Concat(y).ToArray();
            int extreme = 0;
            int total = 0;
            foreach (int[] chosen in Combinations(all.Length, m))
            {
                double[] yy = chosen.Select(i => all[i]).ToArray();
                double[] xx = Enumerable.Range(0, all.Length).Except(chosen).Select(i => all[i]).ToArray();
                total++;
                if (MannWhitney.U(xx, yy) >= observed - 1e-9)
                {
                    extreme++;
                }
            }

            Assert.Equal((double)extreme / total, MannWhitney.GreaterPValue(x, y), 9);
        }
    }

    [Fact]
    public void U_counts_pairs_with_ties_as_halves()
    {
        Assert.Equal(0, MannWhitney.U([3, 4], [1, 2]));
        Assert.Equal(4, MannWhitney.U([1, 2], [3, 4]));
        Assert.Equal(2, MannWhitney.U([1, 2], [1, 2]));
    }

    [Fact]
    public void Normal_approximation_is_uniform_under_the_null_for_large_samples()
    {
        var random = new Random(2);
        int below = 0;
        const int trials = 400;
        for (int t = 0; t < trials; t++)
        {
            double[] x = Enumerable.Range(0, 60).Select(_ => random.NextDouble()).ToArray();
            double[] y = Enumerable.Range(0, 60).Select(_ => random.NextDouble()).ToArray();
            if (MannWhitney.TwoSidedPValue(x, y) < 0.05)
            {
                below++;
            }
        }

        // 5% expected: 20 of 400; a binomial 99.9% band is about 8 to 36.
        Assert.InRange(below, 6, 38);
    }

    private static IEnumerable<int[]> Combinations(int n, int k)
    {
        var current = new int[k];
        IEnumerable<int[]> Recurse(int start, int depth)
        {
            if (depth == k)
            {
                yield return (int[])current.Clone();
                yield break;
            }

            for (int i = start; i < n; i++)
            {
                current[depth] = i;
                foreach (int[] c in Recurse(i + 1, depth + 1))
                {
                    yield return c;
                }
            }
        }

        return Recurse(0, 0);
    }
}
