using System.Collections.Generic;

namespace Vypr.Analysis.History;

/// <summary>A metric's history and the changes found in it since its baseline.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Points">The history, one value per run, oldest first.</param>
/// <param name="BaselineIndex">The position of the baseline's first run (0 when the metric has none).</param>
/// <param name="BaselineCommit">The baseline's commit, when one is set.</param>
/// <param name="Changes">The changes after the baseline, oldest first.</param>
/// <param name="Note">What went wrong with the baseline (its commit not in the history), when something did.</param>
public sealed record MetricHistory(
    string Metric,
    IReadOnlyList<HistoryPoint> Points,
    int BaselineIndex,
    string? BaselineCommit,
    IReadOnlyList<ChangePoint> Changes,
    string? Note)
{
    /// <summary>The branch whose runs make the history, or null when the runs record none.</summary>
    public string? Branch { get; init; }
}
