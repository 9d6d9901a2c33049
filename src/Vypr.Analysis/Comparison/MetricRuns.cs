using System.Collections.Generic;

namespace Vypr.Analysis.Comparison;

/// <summary>One metric's samples from one side of a comparison: a list of runs, each with its own samples.</summary>
/// <param name="Metric">The metric's name, stable across runs (a specification's key and call site, a benchmark's name).</param>
/// <param name="Unit">The unit of the samples (<c>ns</c>, <c>bytes</c>).</param>
/// <param name="Runs">The samples of each run; a run with no samples is ignored.</param>
public sealed record MetricRuns(string Metric, string Unit, IReadOnlyList<IReadOnlyList<double>> Runs);
