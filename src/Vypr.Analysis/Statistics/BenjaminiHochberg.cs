using System;
using System.Collections.Generic;
using System.Linq;

namespace Vypr.Analysis.Statistics;

/// <summary>
/// The Benjamini-Hochberg step-up procedure: among many tests, which to call discoveries so that the expected share
/// of false ones among them stays at most q (for independent or positively dependent tests).
/// </summary>
public static class BenjaminiHochberg
{
    /// <summary>Adjusted p-values (q-values): a test is a discovery at level q exactly when its adjusted value is at most q.</summary>
    /// <param name="pValues">The tests' p-values; NaN counts as 1 (no evidence).</param>
    /// <returns>The adjusted p-values, in the input's order.</returns>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        int m = pValues.Count;
        var adjusted = new double[m];
        int[] order = Enumerable.Range(0, m).OrderByDescending(i => Clean(pValues[i])).ToArray();
        double running = 1;
        for (int r = 0; r < m; r++)
        {
            int i = order[r];
            int rank = m - r;
            running = Math.Min(running, Clean(pValues[i]) * m / rank);
            adjusted[i] = running;
        }

        return adjusted;
    }

    /// <summary>Which tests are discoveries at false-discovery rate <paramref name="q"/>.</summary>
    /// <param name="pValues">The tests' p-values.</param>
    /// <param name="q">The false-discovery rate, between 0 and 1.</param>
    /// <returns>One flag per test, in the input's order.</returns>
    public static bool[] Discoveries(IReadOnlyList<double> pValues, double q) =>
        Adjust(pValues).Select(a => a <= q).ToArray();

    private static double Clean(double p) => double.IsNaN(p) ? 1 : Math.Clamp(p, 0, 1);
}
