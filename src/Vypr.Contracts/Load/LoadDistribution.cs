namespace Vypr.Contracts;

/// <summary>
/// Statistics of one distribution of a load run (a latency, or a custom metric), from an HdrHistogram with three
/// significant digits. A statistic with no value (nothing recorded) is NaN, written <c>"NaN"</c>.
/// </summary>
/// <param name="Unit"><c>ms</c> for times; for a custom metric its own unit, empty when it has none.</param>
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
public sealed record LoadDistribution(
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
    long Invalid);
