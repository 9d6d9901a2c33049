namespace Vypr.Contracts;

/// <summary>A threshold of a load test entry, as checked at the end of the run.</summary>
/// <param name="Expression">The threshold as written (<c>p99 &lt; 200ms</c>).</param>
/// <param name="Passed">Whether the results met it.</param>
/// <param name="Actual">The statistic's value in the threshold's unit (ms for times, % for shares); NaN when nothing was measured.</param>
/// <param name="ActualText">The value as reports show it (<c>212.4ms</c>).</param>
public sealed record LoadThresholdInfo(string Expression, bool Passed, double Actual, string ActualText);
