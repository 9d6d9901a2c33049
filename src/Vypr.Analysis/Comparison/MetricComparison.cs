using Vypr.Analysis.Statistics;

namespace Vypr.Analysis.Comparison;

/// <summary>The comparison of one metric between base and head.</summary>
/// <param name="Metric">The metric's name.</param>
/// <param name="Unit">The samples' unit.</param>
/// <param name="Outcome">The four-way answer.</param>
/// <param name="Estimate">Head over base (1.25 = 25% slower), with its interval; null when a side has no usable samples.</param>
/// <param name="PValue">The two-sided Mann-Whitney p-value of "no difference".</param>
/// <param name="AdjustedPValue">The Benjamini-Hochberg adjusted p-value across all metrics compared together.</param>
/// <param name="Threshold">The practical threshold applied (0.10 = 10%).</param>
/// <param name="BaseMedian">The base side's median (of run medians at run level, of samples otherwise).</param>
/// <param name="HeadMedian">The head side's median.</param>
/// <param name="BaseCount">How many values the base side contributed (runs at run level, samples otherwise).</param>
/// <param name="HeadCount">How many values the head side contributed.</param>
/// <param name="RunLevel">True when runs were the unit (each run's median one value); false when samples inside single runs were compared.</param>
/// <param name="Note">Why the answer is what it is when it is not obvious (a missing side, too few values).</param>
public sealed record MetricComparison(
    string Metric,
    string Unit,
    ComparisonOutcome Outcome,
    RatioEstimate? Estimate,
    double PValue,
    double AdjustedPValue,
    double Threshold,
    double BaseMedian,
    double HeadMedian,
    int BaseCount,
    int HeadCount,
    bool RunLevel,
    string? Note);
