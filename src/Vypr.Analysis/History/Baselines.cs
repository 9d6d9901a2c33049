using System;
using System.Collections.Generic;

namespace Vypr.Analysis.History;

/// <summary>
/// Where each metric's history starts counting (<c>vypr.baselines/1</c>): set on purpose, or moved by acknowledging a
/// change. Runs before a metric's baseline commit are ignored by change detection; changes before it are accepted.
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
