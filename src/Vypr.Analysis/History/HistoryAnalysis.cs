using System;
using System.Collections.Generic;
using System.Linq;

namespace Vypr.Analysis.History;

/// <summary>Runs change detection over every metric's history, each from its baseline.</summary>
public static class HistoryAnalysis
{
    /// <summary>Finds the changes of every metric.</summary>
    /// <param name="histories">The histories by metric.</param>
    /// <param name="baselines">Where each metric's history starts counting.</param>
    /// <param name="options">The detector's settings.</param>
    /// <param name="branch">The branch the histories are of (its baselines apply), or null.</param>
    /// <returns>One report per metric, those with unacknowledged regressions first.</returns>
    public static IReadOnlyList<MetricHistory> Analyze(
        IReadOnlyDictionary<string, IReadOnlyList<HistoryPoint>> histories,
        Baselines? baselines = null,
        DetectorOptions? options = null,
        string? branch = null)
    {
        ArgumentNullException.ThrowIfNull(histories);
        baselines ??= Baselines.Empty;
        var reports = new List<MetricHistory>();
        foreach ((string metric, IReadOnlyList<HistoryPoint> points) in histories.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Baseline? baseline = baselines.For(branch, metric);
            int start = 0;
            string? note = null;
            if (baseline is not null)
            {
                start = FirstIndexOf(points, baseline.Commit);
                if (start < 0)
                {
                    note = $"baseline commit {baseline.Commit} is not in this history; counting from its first run";
                    start = 0;
                }
            }

            reports.Add(new MetricHistory(metric, points, start, baseline?.Commit, ChangePointDetector.Detect(points, options, start), note) { Branch = branch });
        }

        return reports
            .OrderByDescending(r => r.Changes.Any(c => c.Direction == ChangeDirection.Regression))
            .ThenBy(r => r.Metric, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Finds the changes of every metric on every branch, each branch's history on its own and from its own baselines.</summary>
    /// <param name="branches">The histories by branch (<see cref="Inputs.RunSets.ToBranchHistories"/>).</param>
    /// <param name="baselines">The baselines.</param>
    /// <param name="options">The detector's settings.</param>
    /// <returns>One report per branch and metric, those with unacknowledged regressions first.</returns>
    public static IReadOnlyList<MetricHistory> Analyze(IReadOnlyList<BranchHistories> branches, Baselines? baselines = null, DetectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(branches);
        return branches
            .SelectMany(b => Analyze(b.Metrics, baselines, options, b.Branch))
            .OrderByDescending(r => r.Changes.Any(c => c.Direction == ChangeDirection.Regression))
            .ThenBy(r => r.Branch, StringComparer.Ordinal)
            .ThenBy(r => r.Metric, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The position of the first run of <paramref name="commit"/> (a prefix of at least 7 characters matches a full hash).</summary>
    /// <param name="points">The history.</param>
    /// <param name="commit">The commit.</param>
    /// <returns>The position, or −1.</returns>
    public static int FirstIndexOf(IReadOnlyList<HistoryPoint> points, string commit)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(commit);
        for (int i = 0; i < points.Count; i++)
        {
            string c = points[i].Commit;
            if (c == commit || (commit.Length >= 7 && c.StartsWith(commit, StringComparison.OrdinalIgnoreCase)))
            {
                return i;
            }
        }

        return -1;
    }
}
