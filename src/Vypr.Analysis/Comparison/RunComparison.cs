using System.Collections.Generic;
using System.Linq;

namespace Vypr.Analysis.Comparison;

/// <summary>The comparison of every metric two sides share.</summary>
/// <param name="BaseLabel">The base side's label.</param>
/// <param name="HeadLabel">The head side's label.</param>
/// <param name="Machines">The distinct machine fingerprints of both sides.</param>
/// <param name="Options">The options used.</param>
/// <param name="Metrics">One comparison per metric, slowest first.</param>
public sealed record RunComparison(
    string BaseLabel,
    string HeadLabel,
    IReadOnlyList<string> Machines,
    ComparisonOptions Options,
    IReadOnlyList<MetricComparison> Metrics)
{
    /// <summary>How many metrics got each answer.</summary>
    /// <param name="outcome">The answer.</param>
    /// <returns>The count.</returns>
    public int Count(ComparisonOutcome outcome) => Metrics.Count(m => m.Outcome == outcome);
}
