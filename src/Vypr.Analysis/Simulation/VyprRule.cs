using System;
using System.Collections.Generic;
using System.Linq;
using Vypr.Analysis.History;

namespace Vypr.Analysis.Simulation;

/// <summary>Vypr's detector as a rule: each run's median is its value, regressions are the alarms.</summary>
/// <param name="Options">The detector's settings.</param>
public sealed record VyprRule(DetectorOptions Options) : IRegressionRule
{
    /// <inheritdoc/>
    public string Name => "Vypr change points (run medians, Mann-Whitney windows)";

    /// <inheritdoc/>
    public IReadOnlyList<Alarm> Alarms(IReadOnlyList<double[]> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var history = runs.Select((r, i) => new HistoryPoint(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Median(r))).ToList();
        return ChangePointDetector.Detect(history, Options)
            .Where(c => c.Direction == ChangeDirection.Regression)
            .Select(c => new Alarm(c.Index, c.DetectedAt))
            .ToList();
    }

    private static double Median(double[] values)
    {
        double[] sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return Statistics.HodgesLehmann.Median(sorted);
    }
}
