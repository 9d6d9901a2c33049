namespace Vypr.Analysis.History;

/// <summary>One run's value of a metric in a branch's history (a run's median duration, say).</summary>
/// <param name="Commit">The commit the run built.</param>
/// <param name="Value">The run's value; only positive finite values take part in detection.</param>
public sealed record HistoryPoint(string Commit, double Value);
