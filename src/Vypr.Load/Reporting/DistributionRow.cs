using System.Collections.Generic;
using System.Linq;
using Vypr.Contracts;
using Vypr.Load.Configuration;

namespace Vypr.Load.Reporting;

/// <summary>One distribution as a report's table row: its statistics formatted in its unit.</summary>
/// <param name="Name">What was measured (<c>start delay</c>, <c>metric bytes</c>).</param>
/// <param name="Unit">The unit of the statistics.</param>
/// <param name="Count">How many values were recorded.</param>
/// <param name="Statistics">The statistics named by <see cref="StatisticNames"/>, in that order, formatted.</param>
/// <param name="Invalid">Values offered but not recorded.</param>
internal sealed record DistributionRow(string Name, string Unit, long Count, IReadOnlyList<string> Statistics, long Invalid)
{
    /// <summary>The names of <see cref="Statistics"/>, as the tables head them.</summary>
    public static IReadOnlyList<string> StatisticNames { get; } = ["min", "mean", "p50", "p75", "p90", "p95", "p99", "p99.9", "max"];

    /// <summary>The row of <paramref name="distribution"/>: times as durations (<c>1.5ms</c>), other units as numbers.</summary>
    /// <param name="name">What was measured.</param>
    /// <param name="distribution">Its statistics.</param>
    /// <returns>The row.</returns>
    public static DistributionRow Of(string name, LoadDistribution distribution)
    {
        double[] values = [distribution.Min, distribution.Mean, distribution.P50, distribution.P75, distribution.P90, distribution.P95, distribution.P99, distribution.P999, distribution.Max];
        string Format(double value) => distribution.Unit == "ms" ? LoadDuration.FormatMilliseconds(value) : LoadReport.Number(value);
        return new DistributionRow(name, distribution.Unit, distribution.Count, values.Select(Format).ToArray(), distribution.Invalid);
    }
}
