namespace Vypr.Load.Statistics;

/// <summary>
/// Statistics of one recorded distribution (latency, or a custom metric), in <see cref="Unit"/>. Percentiles come
/// from an HdrHistogram with three significant digits: each is within 0.1% of the exact value.
/// </summary>
/// <param name="Unit">The unit of every value here: <c>ms</c> for times, otherwise the metric's own.</param>
/// <param name="Count">How many values were recorded.</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Mean">The mean.</param>
/// <param name="P50">The median.</param>
/// <param name="P75">The 75th percentile.</param>
/// <param name="P90">The 90th percentile.</param>
/// <param name="P95">The 95th percentile.</param>
/// <param name="P99">The 99th percentile.</param>
/// <param name="P999">The 99.9th percentile.</param>
/// <param name="Max">The largest value.</param>
/// <param name="Invalid">Values offered but not recorded (negative, NaN or infinite).</param>
public sealed record DistributionSummary(
    string Unit,
    long Count,
    double Min,
    double Mean,
    double P50,
    double P75,
    double P90,
    double P95,
    double P99,
    double P999,
    double Max,
    long Invalid)
{
    /// <summary>The value of a statistic by its threshold name (<c>min</c>, <c>mean</c>, <c>p50</c> ... <c>p99.9</c>, <c>max</c>, <c>count</c>).</summary>
    /// <param name="statistic">The statistic's name.</param>
    /// <param name="value">Its value.</param>
    /// <returns>Whether the name is a statistic.</returns>
    public bool TryGet(string statistic, out double value)
    {
        switch (statistic)
        {
            case "min": value = Min; return true;
            case "mean" or "avg": value = Mean; return true;
            case "p50" or "med": value = P50; return true;
            case "p75": value = P75; return true;
            case "p90": value = P90; return true;
            case "p95": value = P95; return true;
            case "p99": value = P99; return true;
            case "p99.9": value = P999; return true;
            case "max": value = Max; return true;
            case "count": value = Count; return true;
            default: value = double.NaN; return false;
        }
    }
}
