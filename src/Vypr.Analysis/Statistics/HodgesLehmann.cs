using System;
using System.Collections.Generic;

namespace Vypr.Analysis.Statistics;

/// <summary>
/// The Hodges-Lehmann estimator of the shift between two samples and its distribution-free confidence interval
/// (the Moses interval: order statistics of the pairwise differences chosen by the Mann-Whitney distribution).
/// On log values the shift is a ratio, the natural scale of durations.
/// </summary>
public static class HodgesLehmann
{
    /// <summary>Above this many pairwise differences each sample is thinned to evenly spaced order statistics.</summary>
    private const int MaxSampleForPairs = 1000;

    /// <summary>Estimates how many times larger <paramref name="head"/> is than <paramref name="baseline"/>.</summary>
    /// <param name="baseline">The reference sample; every value must be positive and finite.</param>
    /// <param name="head">The sample compared with it; every value must be positive and finite.</param>
    /// <param name="confidence">The confidence level of the interval, strictly between 0 and 1.</param>
    /// <returns>The ratio and its interval.</returns>
    /// <exception cref="ArgumentException">A sample is empty or holds a value that is not positive and finite.</exception>
    public static RatioEstimate Ratio(IReadOnlyList<double> baseline, IReadOnlyList<double> head, double confidence = 0.95)
    {
        double[] x = Logs(baseline, nameof(baseline));
        double[] y = Logs(head, nameof(head));
        (double shift, double lower, double upper) = Shift(x, y, confidence);
        return new RatioEstimate(Math.Exp(shift), Math.Exp(lower), Math.Exp(upper), confidence);
    }

    /// <summary>Estimates the shift <paramref name="y"/> − <paramref name="x"/> with its confidence interval.</summary>
    /// <param name="x">The reference sample.</param>
    /// <param name="y">The shifted sample.</param>
    /// <param name="confidence">The confidence level.</param>
    /// <returns>The estimate and the interval (infinite bounds when the samples are too small for the level).</returns>
    public static (double Shift, double Lower, double Upper) Shift(IReadOnlyList<double> x, IReadOnlyList<double> y, double confidence = 0.95)
    {
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence level must be strictly between 0 and 1.");
        }

        if (x.Count == 0 || y.Count == 0)
        {
            throw new ArgumentException("Both samples need at least one value.");
        }

        double[] sx = Thin(x);
        double[] sy = Thin(y);
        int n = sx.Length;
        int m = sy.Length;
        var differences = new double[n * m];
        int k = 0;
        foreach (double b in sy)
        {
            foreach (double a in sx)
            {
                differences[k++] = b - a;
            }
        }

        Array.Sort(differences);
        double shift = Median(differences);
        int rank = MannWhitney.CriticalRank(n, m, (1 - confidence) / 2);
        if (rank < 1)
        {
            return (shift, double.NegativeInfinity, double.PositiveInfinity);
        }

        return (shift, differences[rank - 1], differences[differences.Length - rank]);
    }

    /// <summary>The median of sorted values.</summary>
    /// <param name="sorted">Values in ascending order, at least one.</param>
    /// <returns>The middle value, or the mean of the two middle values.</returns>
    public static double Median(IReadOnlyList<double> sorted)
    {
        int c = sorted.Count;
        return c % 2 == 1 ? sorted[c / 2] : (sorted[(c / 2) - 1] + sorted[c / 2]) / 2;
    }

    private static double[] Logs(IReadOnlyList<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        var logs = new double[values.Count];
        for (int i = 0; i < logs.Length; i++)
        {
            double v = values[i];
            if (!(v > 0) || double.IsInfinity(v))
            {
                throw new ArgumentException($"Value {i} of the sample is {v}; a ratio needs positive finite values.", name);
            }

            logs[i] = Math.Log(v);
        }

        return logs;
    }

    /// <summary>
    /// Keeps a large sample's shape with fewer points (evenly spaced order statistics), so the n·m pairwise
    /// differences stay within memory; the interval is then that of the thinned samples, slightly wider.
    /// </summary>
    private static double[] Thin(IReadOnlyList<double> values)
    {
        var sorted = new double[values.Count];
        for (int i = 0; i < sorted.Length; i++)
        {
            sorted[i] = values[i];
        }

        Array.Sort(sorted);
        if (sorted.Length <= MaxSampleForPairs)
        {
            return sorted;
        }

        var thin = new double[MaxSampleForPairs];
        for (int i = 0; i < thin.Length; i++)
        {
            thin[i] = sorted[(int)((i + 0.5) * sorted.Length / MaxSampleForPairs)];
        }

        return thin;
    }
}
