using System;
using System.Collections.Generic;

namespace Vypr.Analysis.Inputs;

/// <summary>One run's measurements, whatever file they came from.</summary>
/// <param name="Source">The file the run was read from.</param>
/// <param name="Machine">The machine fingerprint (empty when unknown).</param>
/// <param name="Commit">The commit, when known.</param>
/// <param name="Branch">The branch, when known.</param>
/// <param name="StartedAt">When the run started, when known (histories are ordered by it).</param>
/// <param name="Metrics">Each metric's samples in this run.</param>
public sealed record MeasuredRun(
    string Source,
    string Machine,
    string? Commit,
    string? Branch,
    DateTimeOffset? StartedAt,
    IReadOnlyDictionary<string, MetricSamples> Metrics);
