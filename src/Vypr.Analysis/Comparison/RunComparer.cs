using System;
using System.Collections.Generic;
using System.Linq;
using Vypr.Analysis.Statistics;

namespace Vypr.Analysis.Comparison;

/// <summary>
/// Compares two sides metric by metric: a Hodges-Lehmann ratio with a Mann-Whitney interval, a practical threshold,
/// Benjamini-Hochberg across all metrics, and a refusal to compare different machines unless allowed.
/// </summary>
/// <remarks>
/// The unit of replication is the run: samples inside one run share its machine state (other load, CPU frequency,
/// JIT tiering, caches), so they understate run-to-run noise. With at least <see cref="ComparisonOptions.MinRunsForRunLevel"/>
/// runs on each side each run contributes one value, its median; with fewer, the samples are pooled and the result
/// says so (<see cref="MetricComparison.RunLevel"/> false): its interval covers only the noise inside the runs.
/// </remarks>
public static class RunComparer
{
    /// <summary>Compares <paramref name="head"/> with <paramref name="baseline"/>.</summary>
    /// <param name="baseline">The reference side.</param>
    /// <param name="head">The side under test.</param>
    /// <param name="options">How to compare; defaults when null.</param>
    /// <returns>Every shared or one-sided metric's comparison.</returns>
    /// <exception cref="MachineMismatchException">The sides ran on different machines and that was not allowed.</exception>
    public static RunComparison Compare(RunSet baseline, RunSet head, ComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(head);
        options ??= new ComparisonOptions();
        options.Validate();
        string[] machines = baseline.Machines.Concat(head.Machines)
            .Where(m => !string.IsNullOrWhiteSpace(m)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (machines.Length > 1 && !options.AllowDifferentMachines)
        {
            throw new MachineMismatchException(machines);
        }

        var names = baseline.Metrics.Keys.Union(head.Metrics.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var measured = new List<MetricComparison>(names.Count);
        foreach (string name in names)
        {
            measured.Add(Measure(name, baseline.Metrics.GetValueOrDefault(name), head.Metrics.GetValueOrDefault(name), options));
        }

        // Only now, with every metric's p-value, can each be adjusted and decided; no measured comparison leaves undecided.
        double[] adjusted = BenjaminiHochberg.Adjust(measured.Select(m => m.PValue).ToArray());
        var results = new List<MetricComparison>(measured.Count);
        for (int i = 0; i < measured.Count; i++)
        {
            MetricComparison m = measured[i];
            double threshold = options.ThresholdFor(m.Metric);
            results.Add(m with
            {
                Outcome = Decide(m.Estimate, adjusted[i], threshold, options.FalseDiscoveryRate),
                AdjustedPValue = adjusted[i],
                Threshold = threshold,
            });
        }

        results.Sort((a, b) => (b.Estimate?.Ratio ?? 0).CompareTo(a.Estimate?.Ratio ?? 0));
        return new RunComparison(baseline.Label, head.Label, machines, options, results);
    }

    /// <summary>The four-way rule: a discovery whose whole interval lies beyond the threshold is a change; an interval inside it is "same".</summary>
    private static ComparisonOutcome Decide(RatioEstimate? estimate, double adjustedP, double threshold, double q)
    {
        if (estimate is null)
        {
            return ComparisonOutcome.Inconclusive;
        }

        double high = 1 + threshold;
        double low = 1 / high;
        if (estimate.Lower > high && adjustedP <= q)
        {
            return ComparisonOutcome.Slower;
        }

        if (estimate.Upper < low && adjustedP <= q)
        {
            return ComparisonOutcome.Faster;
        }

        return estimate.Within(low, high) ? ComparisonOutcome.Same : ComparisonOutcome.Inconclusive;
    }

    // One metric measured on its own: the outcome, the adjusted p-value and the threshold are left for Compare to set.
    private static MetricComparison Measured(string name, string unit, RatioEstimate? estimate, double p, double baseMedian, double headMedian, int baseCount, int headCount, bool runLevel, string? note) =>
        new(name, unit, ComparisonOutcome.Inconclusive, estimate, p, double.NaN, double.NaN, baseMedian, headMedian, baseCount, headCount, runLevel, note);

    private static MetricComparison Measure(string name, MetricRuns? baseRuns, MetricRuns? headRuns, ComparisonOptions options)
    {
        string unit = baseRuns?.Unit ?? headRuns?.Unit ?? string.Empty;
        if (baseRuns is null || headRuns is null)
        {
            return Measured(name, unit, null, double.NaN, double.NaN, double.NaN, 0, 0, false,
                baseRuns is null ? "only in head" : "only in base");
        }

        (List<double[]> baseUsable, int baseDropped) = Usable(baseRuns);
        (List<double[]> headUsable, int headDropped) = Usable(headRuns);
        var notes = new List<string>();
        if (baseDropped + headDropped > 0)
        {
            notes.Add($"{baseDropped + headDropped} values left out (zero, negative or not finite)");
        }

        bool runLevel = baseUsable.Count >= options.MinRunsForRunLevel && headUsable.Count >= options.MinRunsForRunLevel;
        double[] x = runLevel ? baseUsable.Select(MedianOf).ToArray() : baseUsable.SelectMany(r => r).ToArray();
        double[] y = runLevel ? headUsable.Select(MedianOf).ToArray() : headUsable.SelectMany(r => r).ToArray();
        if (x.Length == 0 || y.Length == 0)
        {
            notes.Add("a side has no usable values");
            return Measured(name, unit, null, double.NaN, double.NaN, double.NaN, x.Length, y.Length, runLevel, string.Join("; ", notes));
        }

        if (!runLevel)
        {
            notes.Add($"samples of {baseUsable.Count} vs {headUsable.Count} run(s): the interval covers noise inside the runs only; give {options.MinRunsForRunLevel}+ runs per side to compare runs");
        }

        RatioEstimate estimate = HodgesLehmann.Ratio(x, y, options.Confidence);
        double p = MannWhitney.TwoSidedPValue(x, y);
        return Measured(name, unit, estimate, p, MedianOf(x), MedianOf(y), x.Length, y.Length, runLevel,
            notes.Count == 0 ? null : string.Join("; ", notes));
    }

    private static (List<double[]> Runs, int Dropped) Usable(MetricRuns runs)
    {
        var usable = new List<double[]>();
        int dropped = 0;
        foreach (IReadOnlyList<double> run in runs.Runs)
        {
            double[] good = run.Where(v => v > 0 && double.IsFinite(v)).ToArray();
            dropped += run.Count - good.Length;
            if (good.Length > 0)
            {
                usable.Add(good);
            }
        }

        return (usable, dropped);
    }

    private static double MedianOf(double[] values)
    {
        double[] sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return HodgesLehmann.Median(sorted);
    }
}
