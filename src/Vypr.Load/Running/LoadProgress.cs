namespace Vypr.Load.Running;

/// <summary>A test entry's progress so far, for live display.</summary>
/// <param name="Name">The entry's name.</param>
/// <param name="Started">Instances started so far.</param>
/// <param name="Completed">Instances completed (succeeded or failed).</param>
/// <param name="Failed">Instances failed.</param>
/// <param name="Dropped">Fires dropped (too many in flight).</param>
/// <param name="InFlight">Instances running now.</param>
/// <param name="LatencyP99">The 99th percentile of latency so far, in ms (NaN before the first completion).</param>
public sealed record LoadProgress(string Name, long Started, long Completed, long Failed, long Dropped, long InFlight, double LatencyP99);
