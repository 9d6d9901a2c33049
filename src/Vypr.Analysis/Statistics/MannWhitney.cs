using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;

namespace Vypr.Analysis.Statistics;

/// <summary>
/// The Mann-Whitney U statistic and its distribution: exact (Perfolizer's Löffler recursion, cached) for small
/// samples, the normal approximation with tie and continuity corrections for large ones.
/// </summary>
public static class MannWhitney
{
    /// <summary>Samples up to this size on both sides use the exact distribution.</summary>
    private const int ExactLimit = 30;

    private static readonly ConcurrentDictionary<(int N, int M, int U), double> ExactCache = new();

    /// <summary>
    /// Counts the pairs (x, y) with y greater than x, ties counting one half: large when <paramref name="y"/> tends
    /// to be larger.
    /// </summary>
    /// <param name="x">The first sample.</param>
    /// <param name="y">The second sample.</param>
    /// <returns>U of <paramref name="y"/> over <paramref name="x"/>, between 0 and n·m.</returns>
    public static double U(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        double[] sx = Sorted(x);
        double[] sy = Sorted(y);
        // A merge of the sorted samples counts pairs in O(n + m) instead of O(n·m).
        double u = 0;
        int below = 0;
        int equal = 0;
        int i = 0;
        foreach (double v in sy)
        {
            while (i < sx.Length && sx[i] < v)
            {
                i++;
            }

            below = i;
            equal = 0;
            int j = i;
            while (j < sx.Length && sx[j] == v)
            {
                j++;
                equal++;
            }

            u += below + (equal / 2.0);
        }

        return u;
    }

    /// <summary>
    /// The one-sided p-value of "<paramref name="y"/> tends to be larger than <paramref name="x"/>" against no
    /// difference in distribution.
    /// </summary>
    /// <param name="x">The reference sample.</param>
    /// <param name="y">The sample suspected to be larger.</param>
    /// <returns>P(U ≥ observed U) under the null hypothesis.</returns>
    public static double GreaterPValue(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int n = x.Count;
        int m = y.Count;
        if (n == 0 || m == 0)
        {
            return 1;
        }

        double u = U(x, y);
        if (n <= ExactLimit && m <= ExactLimit && !HasTies(x, y))
        {
            // P(U >= u) = 1 - P(U < u); Perfolizer's Cdf(n, m, k) is P(U < k).
            int k = (int)Math.Round(u);
            double below = ExactCache.GetOrAdd((n, m, k), key => MannWhitneyLoefflerExactCdf.Instance.Cdf(key.N, key.M, key.U));
            return Math.Clamp(1 - below, 0, 1);
        }

        return NormalUpperTail(x, y, u);
    }

    /// <summary>The two-sided p-value of "the two samples come from one distribution".</summary>
    /// <param name="x">One sample.</param>
    /// <param name="y">The other sample.</param>
    /// <returns>Twice the smaller one-sided p-value, at most 1.</returns>
    public static double TwoSidedPValue(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double greater = GreaterPValue(x, y);
        double less = GreaterPValue(y, x);
        return Math.Min(1, 2 * Math.Min(greater, less));
    }

    /// <summary>
    /// The smallest k such that P(U ≤ k - 1) does not exceed <paramref name="alpha"/>: the order statistic of the pairwise
    /// differences that bounds a Hodges-Lehmann confidence interval.
    /// </summary>
    /// <param name="n">The first sample's size.</param>
    /// <param name="m">The second sample's size.</param>
    /// <param name="alpha">The probability left in one tail.</param>
    /// <returns>The 1-based rank of the lower bound among the n·m sorted differences; 0 when the samples are too small for the level (the interval is unbounded).</returns>
    public static int CriticalRank(int n, int m, double alpha)
    {
        if (n <= ExactLimit && m <= ExactLimit)
        {
            int k = 0;
            while (k < n * m && ExactCache.GetOrAdd((n, m, k + 1), key => MannWhitneyLoefflerExactCdf.Instance.Cdf(key.N, key.M, key.U)) <= alpha)
            {
                k++;
            }

            return k;
        }

        double mean = n * (double)m / 2;
        double sd = Math.Sqrt(n * (double)m * (n + m + 1) / 12.0);
        double z = Normal.InverseCdf(1 - alpha);
        return Math.Max(0, (int)Math.Floor(mean - (z * sd) + 0.5));
    }

    private static double NormalUpperTail(IReadOnlyList<double> x, IReadOnlyList<double> y, double u)
    {
        int n = x.Count;
        int m = y.Count;
        double mean = n * (double)m / 2;
        var counts = new Dictionary<double, int>();
        foreach (double v in x)
        {
            counts[v] = counts.GetValueOrDefault(v) + 1;
        }

        foreach (double v in y)
        {
            counts[v] = counts.GetValueOrDefault(v) + 1;
        }

        double tieTerm = 0;
        foreach (int t in counts.Values)
        {
            tieTerm += ((double)t * t * t) - t;
        }

        double total = n + m;
        double variance = (n * (double)m / 12.0) * ((total + 1) - (tieTerm / (total * (total - 1))));
        if (variance <= 0)
        {
            return u > mean ? 0 : 1;
        }

        double z = (u - mean - 0.5) / Math.Sqrt(variance);
        return Normal.UpperTail(z);
    }

    private static bool HasTies(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var seen = new HashSet<double>();
        foreach (double v in x)
        {
            if (!seen.Add(v))
            {
                return true;
            }
        }

        foreach (double v in y)
        {
            if (!seen.Add(v))
            {
                return true;
            }
        }

        return false;
    }

    private static double[] Sorted(IReadOnlyList<double> values)
    {
        var copy = new double[values.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = values[i];
        }

        Array.Sort(copy);
        return copy;
    }
}
