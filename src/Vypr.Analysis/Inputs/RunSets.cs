using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Vypr.Analysis.Comparison;
using Vypr.Analysis.History;

namespace Vypr.Analysis.Inputs;

/// <summary>Turns runs read from files into the shapes the analyses take: a side of a comparison, a metric's history.</summary>
public static class RunSets
{
    /// <summary>One side of a comparison made of <paramref name="runs"/>.</summary>
    /// <param name="label">The side's label.</param>
    /// <param name="runs">Its runs.</param>
    /// <returns>The side.</returns>
    public static RunSet ToRunSet(string label, IReadOnlyList<MeasuredRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var metrics = new Dictionary<string, (string Unit, List<IReadOnlyList<double>> Runs)>(StringComparer.Ordinal);
        foreach (MeasuredRun run in runs)
        {
            foreach ((string name, MetricSamples samples) in run.Metrics)
            {
                if (!metrics.TryGetValue(name, out var entry))
                {
                    metrics[name] = entry = (samples.Unit, []);
                }

                entry.Runs.Add(samples.Samples);
            }
        }

        return new RunSet(
            label,
            runs.Select(r => r.Machine).ToList(),
            metrics.ToDictionary(p => p.Key, p => new MetricRuns(p.Key, p.Value.Unit, p.Value.Runs), StringComparer.Ordinal));
    }

    /// <summary>
    /// Each branch's metric histories: a branch is a line of commits of its own, so its runs never mix with another
    /// branch's in a history (a feature branch's slower commit is not a regression of main). Runs that record no
    /// branch make one history of their own. Branches are ordered by name, that history last.
    /// </summary>
    /// <param name="runs">The runs, of any branches.</param>
    /// <returns>The histories per branch.</returns>
    public static IReadOnlyList<BranchHistories> ToBranchHistories(IReadOnlyList<MeasuredRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs
            .GroupBy(r => r.Branch)
            .OrderBy(g => g.Key is null)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BranchHistories(g.Key, ToHistories(g.ToList())))
            .ToList();
    }

    /// <summary>
    /// Each metric's history, one value per run (the median of its finite samples), in commit order: by start time
    /// when every run has one, else in the order given.
    /// </summary>
    /// <param name="runs">The runs of one branch.</param>
    /// <returns>The histories by metric name.</returns>
    public static IReadOnlyDictionary<string, IReadOnlyList<HistoryPoint>> ToHistories(IReadOnlyList<MeasuredRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        IEnumerable<MeasuredRun> ordered = runs.All(r => r.StartedAt is not null) ? runs.OrderBy(r => r.StartedAt) : runs;
        var histories = new Dictionary<string, List<HistoryPoint>>(StringComparer.Ordinal);
        foreach (MeasuredRun run in ordered)
        {
            string commit = run.Commit ?? Path.GetFileNameWithoutExtension(run.Source);
            foreach ((string name, MetricSamples samples) in run.Metrics)
            {
                double[] finite = samples.Samples.Where(double.IsFinite).Order().ToArray();
                if (finite.Length == 0)
                {
                    continue;
                }

                if (!histories.TryGetValue(name, out List<HistoryPoint>? list))
                {
                    histories[name] = list = [];
                }

                list.Add(new HistoryPoint(commit, Statistics.HodgesLehmann.Median(finite)));
            }
        }

        return histories.ToDictionary(p => p.Key, p => (IReadOnlyList<HistoryPoint>)p.Value, StringComparer.Ordinal);
    }
}
