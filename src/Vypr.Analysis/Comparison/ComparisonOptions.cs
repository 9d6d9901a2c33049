using System;
using System.Collections.Generic;

namespace Vypr.Analysis.Comparison;

/// <summary>How two sides are compared.</summary>
public sealed record ComparisonOptions
{
    /// <summary>The practical threshold: a change smaller than this share (0.10 = 10%) does not matter.</summary>
    public double Threshold { get; init; } = 0.10;

    /// <summary>Thresholds for particular metrics, by exact metric name; others use <see cref="Threshold"/>.</summary>
    public IReadOnlyDictionary<string, double> MetricThresholds { get; init; } = new Dictionary<string, double>();

    /// <summary>The confidence level of each ratio's interval.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>The false-discovery rate held across all metrics of the comparison (Benjamini-Hochberg).</summary>
    public double FalseDiscoveryRate { get; init; } = 0.05;

    /// <summary>Compare even when the two sides ran on different machines (their noise and speed differ).</summary>
    public bool AllowDifferentMachines { get; init; }

    /// <summary>The fewest runs per side for the comparison to use runs (their medians) as the unit of replication.</summary>
    public int MinRunsForRunLevel { get; init; } = 3;

    /// <summary>The threshold that applies to a metric.</summary>
    /// <param name="metric">The metric's name.</param>
    /// <returns>Its threshold, a share (0.10 = 10%).</returns>
    public double ThresholdFor(string metric) => MetricThresholds.TryGetValue(metric, out double t) ? t : Threshold;

    /// <summary>Checks every value, naming the wrong one.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (!(Threshold >= 0) || double.IsInfinity(Threshold))
        {
            throw new ArgumentException($"The threshold must be a finite share of at least 0; got {Threshold}.");
        }

        foreach ((string metric, double t) in MetricThresholds)
        {
            if (!(t >= 0) || double.IsInfinity(t))
            {
                throw new ArgumentException($"The threshold of metric '{metric}' must be a finite share of at least 0; got {t}.");
            }
        }

        if (!(Confidence > 0 && Confidence < 1))
        {
            throw new ArgumentException($"The confidence level must be strictly between 0 and 1; got {Confidence}.");
        }

        if (!(FalseDiscoveryRate > 0 && FalseDiscoveryRate < 1))
        {
            throw new ArgumentException($"The false-discovery rate must be strictly between 0 and 1; got {FalseDiscoveryRate}.");
        }

        if (MinRunsForRunLevel < 2)
        {
            throw new ArgumentException($"Run-level comparison needs at least 2 runs per side; got {MinRunsForRunLevel}.");
        }
    }
}
