using System.Collections.Generic;
using Vypr.Contracts;
using Vypr.Load.Thresholds;

namespace Vypr.Load.Reporting;

/// <summary>What one test entry did during a run.</summary>
public sealed record LoadTestResult
{
    /// <summary>The entry's Vypr test in the run (its scope <c>load:&lt;name&gt;</c>); verdicts of monitored methods it called carry it.</summary>
    public int TestId { get; init; }

    /// <summary>The entry's name.</summary>
    public required string Name { get; init; }

    /// <summary>The test type's full name.</summary>
    public required string Type { get; init; }

    /// <summary><c>open</c> (fired at a rate) or <c>closed</c> (a fixed number running at once).</summary>
    public required string Model { get; init; }

    /// <summary>The closed model's concurrency (null for the open model).</summary>
    public int? Concurrency { get; init; }

    /// <summary>The open model's mean target rate over the run, fires per second (null for the closed model).</summary>
    public double? TargetRate { get; init; }

    /// <summary>Fires the schedule intended before the run stopped (open model; started instances for the closed model).</summary>
    public long Intended { get; init; }

    /// <summary>Fires the scheduler issued (started or dropped).</summary>
    public long Fired { get; init; }

    /// <summary>Instances that started.</summary>
    public long Started { get; init; }

    /// <summary>Instances whose setup and run completed without an exception.</summary>
    public long Succeeded { get; init; }

    /// <summary>Instances whose setup, run or teardown threw.</summary>
    public long Failed { get; init; }

    /// <summary>Fires not started because <c>max_in_flight</c> instances were running.</summary>
    public long Dropped { get; init; }

    /// <summary>Instances that started more than <c>late_after</c> after their intended start.</summary>
    public long Late { get; init; }

    /// <summary>Started instances per second of the run.</summary>
    public double AchievedRate { get; init; }

    /// <summary>Started over intended (1 is exact; open model only, 1 for the closed model).</summary>
    public double Accuracy { get; init; }

    /// <summary>From the intended start to the end of the run step (setup included), in ms.</summary>
    public required LoadDistribution Latency { get; init; }

    /// <summary>From the actual start of the run step to its end, in ms.</summary>
    public required LoadDistribution Service { get; init; }

    /// <summary>From the intended start to the actual start (the scheduling error and queueing delay), in ms.</summary>
    public required LoadDistribution StartDelay { get; init; }

    /// <summary>
    /// From the intended start to the moment the scheduler woke and handed the fire off, in ms (open model only): the
    /// scheduler's own error, without the thread pool's queueing that <see cref="StartDelay"/> adds.
    /// </summary>
    public LoadDistribution? SchedulingError { get; init; }

    /// <summary>The latency distribution as a percentile plot: the latency at each of a series of percentiles, denser toward the tail.</summary>
    public IReadOnlyList<PercentilePoint> LatencyPercentiles { get; init; } = [];

    /// <summary>The entry's course over the run, one point per progress interval (<c>--progress-interval</c>, 1 s by default).</summary>
    public IReadOnlyList<TimelinePoint> Timeline { get; init; } = [];

    /// <summary>Failures by exception type, most frequent first.</summary>
    public required IReadOnlyList<ErrorCount> Errors { get; init; }

    /// <summary>Custom metrics by name.</summary>
    public required IReadOnlyDictionary<string, LoadDistribution> Metrics { get; init; }

    /// <summary>The entry's thresholds, checked (empty until checked).</summary>
    public IReadOnlyList<ThresholdOutcome> Thresholds { get; init; } = [];

    /// <summary>Violated verdicts of Vypr-monitored methods called by this entry's instances (0 when monitoring is off).</summary>
    public int MonitoredViolations { get; init; }
}
