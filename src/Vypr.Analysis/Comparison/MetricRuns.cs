using System;
using System.Collections.Generic;

namespace Vypr.Analysis.Comparison;

/// <summary>One metric's samples from one side of a comparison: a list of runs, each with its own samples.</summary>
/// <param name="Metric">The metric's name, stable across runs (a specification's key and call site, a benchmark's name).</param>
/// <param name="Unit">The unit of the samples (<c>ns</c>, <c>bytes</c>).</param>
/// <param name="Runs">The samples of each run; a run with no samples is ignored.</param>
public sealed record MetricRuns(string Metric, string Unit, IReadOnlyList<IReadOnlyList<double>> Runs);

/// <summary>One side of a comparison: the runs it is made of, the machine they ran on, and each metric's samples.</summary>
/// <param name="Label">How to name this side in reports (a file name, a commit).</param>
/// <param name="Machines">The machine fingerprint of every run on this side (empty text when unknown).</param>
/// <param name="Metrics">The metrics, by name.</param>
public sealed record RunSet(string Label, IReadOnlyList<string> Machines, IReadOnlyDictionary<string, MetricRuns> Metrics)
{
    /// <summary>Merges several sides' runs into one (a baseline made of several runs).</summary>
    /// <param name="label">The merged side's label.</param>
    /// <param name="sets">The sides to merge.</param>
    /// <returns>One side holding every run of every input, metric by metric.</returns>
    public static RunSet Merge(string label, IEnumerable<RunSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        var machines = new List<string>();
        var metrics = new Dictionary<string, MetricRuns>(StringComparer.Ordinal);
        foreach (RunSet set in sets)
        {
            machines.AddRange(set.Machines);
            foreach ((string name, MetricRuns runs) in set.Metrics)
            {
                if (metrics.TryGetValue(name, out MetricRuns? existing))
                {
                    var all = new List<IReadOnlyList<double>>(existing.Runs);
                    all.AddRange(runs.Runs);
                    metrics[name] = existing with { Runs = all };
                }
                else
                {
                    metrics[name] = runs;
                }
            }
        }

        return new RunSet(label, machines, metrics);
    }
}
