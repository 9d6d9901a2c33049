using System.Collections.Generic;

namespace Vypr.Analysis.Comparison;

/// <summary>One side of a comparison: the runs it is made of, the machine they ran on, and each metric's samples.</summary>
/// <param name="Label">How to name this side in reports (a file name, a commit).</param>
/// <param name="Machines">The machine fingerprint of every run on this side (empty text when unknown).</param>
/// <param name="Metrics">The metrics, by name.</param>
public sealed record RunSet(string Label, IReadOnlyList<string> Machines, IReadOnlyDictionary<string, MetricRuns> Metrics);
