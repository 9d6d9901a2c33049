namespace Vypr.Load.Reporting;

/// <summary>
/// One interval of a test entry's course (the interval ends at <see cref="Seconds"/>; it began at the previous
/// point's, or at the origin). Latency percentiles are of the instances that completed in the interval.
/// </summary>
/// <param name="Seconds">The end of the interval, in seconds since firing began.</param>
/// <param name="TargetRate">Intended fires per second in the interval (the closed model: started ones).</param>
/// <param name="AchievedRate">Started instances per second in the interval.</param>
/// <param name="Completed">Instances that completed in the interval.</param>
/// <param name="Failed">Instances that failed in the interval.</param>
/// <param name="Dropped">Fires dropped in the interval.</param>
/// <param name="P50">The median latency of the interval's completions, in ms (NaN when none completed).</param>
/// <param name="P90">Their 90th percentile, in ms.</param>
/// <param name="P99">Their 99th percentile, in ms.</param>
/// <param name="Max">Their largest latency, in ms.</param>
public sealed record TimelinePoint(
    double Seconds,
    double TargetRate,
    double AchievedRate,
    long Completed,
    long Failed,
    long Dropped,
    double P50,
    double P90,
    double P99,
    double Max);
