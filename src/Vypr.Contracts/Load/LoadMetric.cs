namespace Vypr.Contracts;

/// <summary>A custom metric a load test recorded, with the same statistics as latency.</summary>
/// <param name="Name">The metric's name, as the test recorded it.</param>
/// <param name="Statistics">Its statistics, in the metric's own unit.</param>
public sealed record LoadMetric(string Name, LoadDistribution Statistics);
