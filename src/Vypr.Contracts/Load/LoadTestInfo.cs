using System.Collections.Generic;

namespace Vypr.Contracts;

/// <summary>What one test entry of a load run did (docs/load.md, "What is measured").</summary>
/// <param name="TestId">The entry's Vypr test in this run (<c>tests[].id</c>, named <c>load:&lt;name&gt;</c>): verdicts of monitored methods its instances called carry it.</param>
/// <param name="Name">The entry's name in the plan.</param>
/// <param name="Type">The test type's full name.</param>
/// <param name="Model"><c>open</c> (fired at a rate) or <c>closed</c> (a fixed number at once).</param>
/// <param name="Concurrency">The closed model's concurrency; null for the open model.</param>
/// <param name="TargetRate">The open model's mean target rate over the run, fires per second; null for the closed model.</param>
/// <param name="Intended">Fires the schedule intended before the run stopped.</param>
/// <param name="Fired">Fires issued (started or dropped).</param>
/// <param name="Started">Instances started.</param>
/// <param name="Succeeded">Instances whose setup, run and teardown completed without an exception.</param>
/// <param name="Failed">Instances whose setup, run or teardown threw.</param>
/// <param name="Dropped">Fires not started because <c>max_in_flight</c> instances were running.</param>
/// <param name="Late">Instances started more than <c>late_after</c> after their intended start.</param>
/// <param name="AchievedRate">Started instances per second of the run.</param>
/// <param name="Accuracy">Started over intended (1 is exact).</param>
/// <param name="Latency">From the intended start to the end of the run step, in ms.</param>
/// <param name="Service">From the actual start of the run step to its end, in ms.</param>
/// <param name="StartDelay">From the intended start to the actual start, in ms.</param>
/// <param name="SchedulingError">From the intended start to the scheduler's wake-up that fired it, in ms; null for the closed model.</param>
/// <param name="Errors">Failures by exception type, most frequent first.</param>
/// <param name="Metrics">The test's custom metrics, by name in ordinal order.</param>
/// <param name="Thresholds">The entry's thresholds, as checked.</param>
/// <param name="MonitoredViolations">Violated verdicts of monitored methods the entry's instances called.</param>
public sealed record LoadTestInfo(
    int TestId,
    string Name,
    string Type,
    string Model,
    int? Concurrency,
    double? TargetRate,
    long Intended,
    long Fired,
    long Started,
    long Succeeded,
    long Failed,
    long Dropped,
    long Late,
    double AchievedRate,
    double Accuracy,
    LoadDistribution Latency,
    LoadDistribution Service,
    LoadDistribution StartDelay,
    LoadDistribution? SchedulingError,
    IReadOnlyList<LoadErrorCount> Errors,
    IReadOnlyList<LoadMetric> Metrics,
    IReadOnlyList<LoadThresholdInfo> Thresholds,
    long MonitoredViolations);
