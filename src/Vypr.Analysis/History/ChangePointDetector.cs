using System;
using System.Collections.Generic;
using Vypr.Analysis.Statistics;

namespace Vypr.Analysis.History;

/// <summary>
/// Finds persistent level changes in a metric's history, one value per run, the way CI sees it: commit by commit,
/// each change reported once, at its first commit, with its size and confidence.
/// </summary>
/// <remarks>
/// At each new run the detector compares the last few runs (<see cref="DetectorOptions.MinAfter"/> to
/// <see cref="DetectorOptions.MaxAfter"/>) with the runs before them at the current level (at most
/// <see cref="DetectorOptions.MaxBefore"/>, never across the last change) by a one-sided Mann-Whitney test on ranks,
/// which a single outlier or a run in a slow mode barely moves, and requires the Hodges-Lehmann ratio of the two
/// windows to exceed <see cref="DetectorOptions.MinEffect"/>, which keeps slow drift out. When a window fires, the
/// first commit is located by the best split (smallest p-value) between the last change and the newest run, and
/// the level restarts there, so each change is reported once.
/// </remarks>
public static class ChangePointDetector
{
    /// <summary>Finds the changes in <paramref name="history"/>, oldest first.</summary>
    /// <param name="history">The metric's values in commit order.</param>
    /// <param name="options">The settings; defaults when null.</param>
    /// <param name="start">The position of the baseline: runs before it are ignored.</param>
    /// <returns>The changes found.</returns>
    public static IReadOnlyList<ChangePoint> Detect(IReadOnlyList<HistoryPoint> history, DetectorOptions? options = null, int start = 0)
    {
        ArgumentNullException.ThrowIfNull(history);
        options ??= new DetectorOptions();
        options.Validate();
        var positions = new List<int>();
        var logs = new List<double>();
        for (int i = Math.Max(0, start); i < history.Count; i++)
        {
            double v = history[i].Value;
            if (v > 0 && double.IsFinite(v))
            {
                positions.Add(i);
                logs.Add(Math.Log(v));
            }
        }

        var changes = new List<ChangePoint>();
        int level = 0;
        double minShift = Math.Log(1 + options.MinEffect);
        for (int t = 0; t < logs.Count; t++)
        {
            if (!Fires(logs, level, t, options, minShift))
            {
                continue;
            }

            Split? best = Locate(logs, level, t, options, minShift);
            if (best is null)
            {
                continue;
            }

            Split s = best.Value;
            var before = Window(logs, Math.Max(level, s.At - options.MaxBefore), s.At);
            var after = Window(logs, s.At, t + 1);
            (double shift, double lower, double upper) = HodgesLehmann.Shift(before, after, 0.99);
            changes.Add(new ChangePoint(
                positions[s.At],
                history[positions[s.At]].Commit,
                shift > 0 ? ChangeDirection.Regression : ChangeDirection.Improvement,
                Math.Exp(shift),
                Math.Exp(lower),
                Math.Exp(upper),
                s.PValue,
                positions[t]));
            level = s.At;
        }

        return changes;
    }

    /// <summary>Whether some window of the newest runs differs from the level before it.</summary>
    private static bool Fires(List<double> logs, int level, int t, DetectorOptions options, double minShift)
    {
        for (int a = options.MinAfter; a <= options.MaxAfter; a++)
        {
            int c = t - a + 1;
            if (c - level < options.MinBefore)
            {
                break;
            }

            if (Test(logs, level, c, t, options, minShift) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The first commit of the change that fired: the split of the runs since the level's start into two constant
    /// pieces with the least absolute deviation from their medians (magnitudes, robust to outliers), among the splits
    /// that pass the test themselves. Ranks alone would tie a split one commit early whenever that commit's run
    /// happens to be the highest of the old level.
    /// </summary>
    private static Split? Locate(List<double> logs, int level, int t, DetectorOptions options, double minShift)
    {
        // The best split over every position that leaves two runs after it: when it leaves fewer than MinAfter,
        // the change is younger than the window that fired (its first run was counted in the old level), so wait.
        int count = t - level;
        if (count < options.MinBefore + 1)
        {
            return null;
        }

        var costs = new double[t + 1];
        var shifts = new double[t + 1];
        int bestAt = -1;
        for (int c = level + options.MinBefore; c <= t - 1; c++)
        {
            int from = Math.Max(level, c - options.MaxBefore);
            int to = Math.Min(t + 1, c + options.MaxAfter);
            (double before, double beforeMedian) = Deviation(logs, from, c);
            (double after, double afterMedian) = Deviation(logs, c, to);
            costs[c] = before + after - Deviation(logs, from, to).Sum;
            shifts[c] = Math.Abs(afterMedian - beforeMedian);
            if (bestAt < 0 || costs[c] < costs[bestAt])
            {
                bestAt = c;
            }
        }

        // A run between the two levels fits either piece about as well; it is given to the old level (up to half the
        // step's size in cost), so the commit named is the first whose run clearly sits at the new level.
        if (bestAt >= 0)
        {
            double limit = costs[bestAt] + (0.5 * shifts[bestAt]);
            while (bestAt + 1 <= t - 1 && costs[bestAt + 1] <= limit)
            {
                bestAt++;
            }
        }

        if (bestAt < 0 || t - bestAt + 1 < options.MinAfter)
        {
            return null;
        }

        return Test(logs, level, bestAt, t, options, minShift);
    }

    /// <summary>The sum of absolute deviations from the median of logs[from..to).</summary>
    private static (double Sum, double Median) Deviation(List<double> logs, int from, int to)
    {
        double[] w = Window(logs, from, to);
        Array.Sort(w);
        double median = HodgesLehmann.Median(w);
        double sum = 0;
        foreach (double v in w)
        {
            sum += Math.Abs(v - median);
        }

        return (sum, median);
    }

    private static Split? Test(List<double> logs, int level, int c, int t, DetectorOptions options, double minShift)
    {
        double[] before = Window(logs, Math.Max(level, c - options.MaxBefore), c);
        double[] after = Window(logs, c, Math.Min(t + 1, c + options.MaxAfter));
        double up = MannWhitney.GreaterPValue(before, after);
        double down = MannWhitney.GreaterPValue(after, before);
        double p = Math.Min(up, down);
        if (p >= options.Alpha)
        {
            return null;
        }

        double shift = MedianShift(before, after);
        if (Math.Abs(shift) < minShift || (up < down) != (shift > 0))
        {
            return null;
        }

        return new Split(c, p);
    }

    /// <summary>The Hodges-Lehmann shift (median of pairwise differences) of two small windows.</summary>
    private static double MedianShift(double[] before, double[] after)
    {
        var d = new double[before.Length * after.Length];
        int k = 0;
        foreach (double b in after)
        {
            foreach (double a in before)
            {
                d[k++] = b - a;
            }
        }

        Array.Sort(d);
        return HodgesLehmann.Median(d);
    }

    private static double[] Window(List<double> logs, int from, int to)
    {
        var w = new double[to - from];
        logs.CopyTo(from, w, 0, w.Length);
        return w;
    }

    private readonly record struct Split(int At, double PValue);
}
