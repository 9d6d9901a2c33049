namespace Vypr.Load.Reporting;

/// <summary>A point of a latency distribution: the latency at or below which a percentile of the instances completed.</summary>
/// <param name="Percentile">The percentile, 0 to 100.</param>
/// <param name="Value">The latency, in ms.</param>
public sealed record PercentilePoint(double Percentile, double Value);
