namespace Vypr.Contracts.Reads;

/// <summary>One measured value that took part in a verdict, with the condition it was checked against and where the event it read happened.</summary>
/// <param name="Term">What was measured (<c>duration</c>).</param>
/// <param name="Value">The measured value, in <paramref name="Unit"/>.</param>
/// <param name="Unit">The unit of <paramref name="Value"/> (<c>ns</c> for durations).</param>
/// <param name="Condition">The condition it was checked against (<c>&lt;= 50ms</c>).</param>
/// <param name="Satisfied">Whether the value met the condition.</param>
/// <param name="CallSiteId">
/// The call site of the event observed (for a term over several events, the last recorded); null when it is the
/// verdict's own call site (the call's <c>callSite</c>), and for observations stored before the server kept it.
/// </param>
/// <param name="CallSite">The call site <paramref name="CallSiteId"/> names, or null when that is null.</param>
public sealed record ObservationItem(string Term, double Value, string Unit, string Condition, bool Satisfied, long? CallSiteId, CallSiteItem? CallSite);
