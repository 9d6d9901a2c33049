namespace Vypr.Load.Thresholds;

/// <summary>A threshold checked against a test entry's results.</summary>
/// <param name="Expression">The threshold as written.</param>
/// <param name="Passed">Whether the results meet it.</param>
/// <param name="Actual">The statistic's value, in the threshold's unit (ms for times, % for percentages); NaN when nothing was measured.</param>
/// <param name="ActualText">The value as reports show it (<c>212.4ms</c>, <c>1.8%</c>).</param>
public sealed record ThresholdOutcome(string Expression, bool Passed, double Actual, string ActualText);
