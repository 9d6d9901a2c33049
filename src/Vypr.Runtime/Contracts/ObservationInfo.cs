namespace Vypr.Contracts;

/// <summary>One measured value that took part in a verdict, with the condition it was checked against.</summary>
/// <param name="Term">What was measured (<c>duration</c>).</param>
/// <param name="Value">The measured value, in <paramref name="Unit"/>.</param>
/// <param name="Unit">The unit of <paramref name="Value"/> (<c>ns</c> for durations).</param>
/// <param name="Condition">The condition it was checked against (<c>&lt;= 50ms</c>).</param>
/// <param name="Satisfied">Whether the value met the condition.</param>
public sealed record ObservationInfo(string Term, double Value, string Unit, string Condition, bool Satisfied);
