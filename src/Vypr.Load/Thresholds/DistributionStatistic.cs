using Vypr.Contracts;

namespace Vypr.Load.Thresholds;

/// <summary>The statistics of a distribution by the names thresholds give them.</summary>
public static class DistributionStatistic
{
    /// <summary>The value of a statistic by its threshold name (<c>min</c>, <c>mean</c>, <c>p50</c> ... <c>p99.9</c>, <c>max</c>, <c>count</c>).</summary>
    /// <param name="distribution">The distribution.</param>
    /// <param name="statistic">The statistic's name.</param>
    /// <param name="value">Its value.</param>
    /// <returns>Whether the name is a statistic.</returns>
    public static bool TryGet(LoadDistribution distribution, string statistic, out double value)
    {
        switch (statistic)
        {
            case "min": value = distribution.Min; return true;
            case "mean" or "avg": value = distribution.Mean; return true;
            case "p50" or "med": value = distribution.P50; return true;
            case "p75": value = distribution.P75; return true;
            case "p90": value = distribution.P90; return true;
            case "p95": value = distribution.P95; return true;
            case "p99": value = distribution.P99; return true;
            case "p99.9": value = distribution.P999; return true;
            case "max": value = distribution.Max; return true;
            case "count": value = distribution.Count; return true;
            default: value = double.NaN; return false;
        }
    }
}
