using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using Vypr.Contracts;

namespace Vypr.Load.Reporting;

/// <summary>The results of a load run: one entry per test of the plan.</summary>
public sealed record LoadRunResult
{
    /// <summary>The results format's name and version.</summary>
    public string Format { get; init; } = "vypr-load/1";

    /// <summary>The plan file.</summary>
    public required string Plan { get; init; }

    /// <summary>When firing began.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>How long firing lasted, in seconds (shorter than planned when interrupted).</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>The planned duration, in seconds.</summary>
    public required double PlannedSeconds { get; init; }

    /// <summary>Whether the run was stopped early (Ctrl+C).</summary>
    public required bool Interrupted { get; init; }

    /// <summary>The machine's load average (1 minute) when the run ended, if known: a loaded machine explains a missed rate.</summary>
    public double? LoadAverage { get; init; }

    /// <summary>Each test entry's results.</summary>
    public required IReadOnlyList<LoadTestResult> Tests { get; init; }

    /// <summary>
    /// The verdicts of monitored methods the entries' instances called, kept as the runtime keeps them (every
    /// violation, satisfied ones up to the retention limit); empty when monitoring is off. Stored with the run
    /// (<see cref="Storage.LoadRunDocument"/>), not in the results file.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<VerdictInfo> Verdicts { get; init; } = [];

    /// <summary>Exact statistics of every monitored call per entry and call site; empty when monitoring is off.</summary>
    [JsonIgnore]
    public IReadOnlyList<CallSiteSummary> Summaries { get; init; } = [];

    /// <summary>Whether every threshold of every entry passed.</summary>
    public bool Passed => Tests.All(test => test.Thresholds.All(threshold => threshold.Passed));
}
