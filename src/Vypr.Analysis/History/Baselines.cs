using System;
using System.Collections.Generic;

namespace Vypr.Analysis.History;

/// <summary>
/// Where each metric's history starts counting (<c>vypr.baselines/1</c>): set on purpose, or moved by acknowledging a
/// change. Runs before a metric's baseline commit are ignored by change detection; changes before it are accepted.
/// Each branch has its own history, so each can have its own baselines (<see cref="Branches"/>); the top-level ones
/// apply to every branch without one of its own.
/// </summary>
/// <param name="Schema">Must be <c>vypr.baselines/1</c>.</param>
/// <param name="Metrics">The baseline of each metric that has one, by metric name; <c>*</c> applies to every other metric.</param>
public sealed record Baselines(string Schema, IReadOnlyDictionary<string, Baseline> Metrics)
{
    /// <summary>The schema this version reads and writes.</summary>
    public const string CurrentSchema = "vypr.baselines/1";

    /// <summary>The key that applies to every metric without a baseline of its own.</summary>
    public const string AllMetrics = "*";

    /// <summary>No baselines: every history counts from its first run.</summary>
    public static Baselines Empty { get; } = new(CurrentSchema, new Dictionary<string, Baseline>());

    /// <summary>
    /// Per branch, the baseline of each metric that has one on that branch (<c>*</c>: every other metric of the branch).
    /// Absent in files written before branches had baselines.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, Baseline>>? Branches { get; init; }

    /// <summary>
    /// The baseline that applies to a metric on a branch: the branch's own for the metric, the branch's <c>*</c>, then
    /// the top-level ones (<see cref="For(string)"/>).
    /// </summary>
    /// <param name="branch">The branch, or null for runs that record none.</param>
    /// <param name="metric">The metric.</param>
    /// <returns>The baseline, or null.</returns>
    public Baseline? For(string? branch, string metric)
    {
        if (branch is not null && Branches is not null && Branches.TryGetValue(branch, out IReadOnlyDictionary<string, Baseline>? own))
        {
            if (own.TryGetValue(metric, out Baseline? b) || own.TryGetValue(AllMetrics, out b))
            {
                return b;
            }
        }

        return For(metric);
    }

    /// <summary>A copy with <paramref name="metric"/>'s baseline on <paramref name="branch"/> set (top-level when the branch is null).</summary>
    /// <param name="branch">The branch, or null.</param>
    /// <param name="metric">The metric, or <c>*</c>.</param>
    /// <param name="baseline">Its new baseline.</param>
    /// <returns>The updated baselines.</returns>
    public Baselines With(string? branch, string metric, Baseline baseline)
    {
        if (branch is null)
        {
            return With(metric, baseline);
        }

        var branches = new Dictionary<string, IReadOnlyDictionary<string, Baseline>>(Branches ?? new Dictionary<string, IReadOnlyDictionary<string, Baseline>>(), StringComparer.Ordinal);
        var metrics = new Dictionary<string, Baseline>(branches.GetValueOrDefault(branch) ?? new Dictionary<string, Baseline>(), StringComparer.Ordinal) { [metric] = baseline };
        branches[branch] = metrics;
        return this with { Branches = branches };
    }

    /// <summary>The baseline that applies to a metric.</summary>
    /// <param name="metric">The metric.</param>
    /// <returns>Its baseline, the <c>*</c> one, or null.</returns>
    public Baseline? For(string metric) =>
        Metrics.TryGetValue(metric, out Baseline? b) ? b : Metrics.GetValueOrDefault(AllMetrics);

    /// <summary>A copy with <paramref name="metric"/>'s baseline set.</summary>
    /// <param name="metric">The metric, or <c>*</c>.</param>
    /// <param name="baseline">Its new baseline.</param>
    /// <returns>The updated baselines.</returns>
    public Baselines With(string metric, Baseline baseline)
    {
        var copy = new Dictionary<string, Baseline>(Metrics, StringComparer.Ordinal) { [metric] = baseline };
        return this with { Metrics = copy };
    }
}
