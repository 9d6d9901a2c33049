using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Vypr.Contracts;
using Vypr.Load.Reporting;
using Vypr.Load.Statistics;
using Vypr.Load.Thresholds;
using Vypr.Runtime;

namespace Vypr.Load.Storage;

/// <summary>
/// A load run as a run of the results format (<c>vypr.run/1</c>, docs/results-format.md): the run described as
/// every run is (this process's run ID, machine, runtime, commit, branch), each test entry as a test named
/// <c>load:&lt;entry&gt;</c>, the verdicts of monitored methods the entries called, and the load section with the
/// statistics. Texts are cleaned and shortened to the format's limits here, so the server stores what is written.
/// </summary>
public static class LoadRunDocument
{
    /// <summary>Builds the run document of a load run.</summary>
    /// <param name="result">The load run's results.</param>
    /// <param name="assemblies">The load tests' assemblies (their file names name the run).</param>
    /// <returns>The document, with <see cref="RunDocument.Load"/> set.</returns>
    public static RunDocument Create(LoadRunResult result, IEnumerable<string> assemblies)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(assemblies);
        DateTimeOffset endedAt = DateTimeOffset.UtcNow;
        if (endedAt < result.StartedAt)
        {
            endedAt = result.StartedAt;
        }

        string assembly = string.Join(", ", assemblies.Select(Path.GetFileNameWithoutExtension).Distinct(StringComparer.Ordinal));
        RunInfo run = RunEnvironment.Describe(RuntimeMonitor.RunId, assembly.Length > 0 ? assembly : "load", result.StartedAt, endedAt);
        string outcome = result.Interrupted ? "Interrupted" : result.Passed ? "Passed" : "Failed";
        TestInfo[] tests = result.Tests
            .Where(t => t.TestId > 0)
            .Select(t => new TestInfo(t.TestId, Name("load:" + t.Name), result.StartedAt, endedAt, outcome))
            .ToArray();

        // Only what the verdicts reference: a process may have registered specifications no entry reached.
        var specifications = result.Verdicts.Select(v => v.SpecificationId).ToHashSet();
        var callSites = result.Verdicts.Select(v => v.CallSiteId)
            .Concat(result.Verdicts.SelectMany(v => v.Observations).Select(o => o.CallSiteId).Where(id => id > 0))
            .Concat(result.Summaries.Select(s => s.CallSiteId))
            .ToHashSet();
        CallSiteInfo[] sites = MonitorRegistry.CallSites.Where(s => callSites.Contains(s.Id)).ToArray();
        specifications.UnionWith(sites.Select(s => s.SpecificationId));
        return new RunDocument(
            RunDocument.CurrentSchema,
            run,
            MonitorRegistry.Specifications.Where(s => specifications.Contains(s.Id)).ToArray(),
            sites,
            tests,
            result.Verdicts)
        {
            Summaries = result.Summaries,
            Load = Section(result),
        };
    }

    /// <summary>The load section of the results.</summary>
    /// <param name="result">The load run's results.</param>
    /// <returns>The section.</returns>
    public static LoadRunInfo Section(LoadRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new LoadRunInfo(
            Name(result.Plan),
            result.DurationSeconds,
            result.PlannedSeconds,
            result.Interrupted,
            result.LoadAverage,
            result.Tests.Select(Test).ToArray());
    }

    private static LoadTestInfo Test(LoadTestResult test)
    {
        // Two metric names that differ only in what cleaning replaces or shortening cuts would read the same; the
        // format keeps names unique per test, so the later one is told apart by its position.
        var names = new HashSet<string>(StringComparer.Ordinal);
        var metrics = new List<LoadMetric>();
        foreach ((string name, LoadDistribution statistics) in test.Metrics)
        {
            string clean = Name(name);
            for (int n = 2; !names.Add(clean); n++)
            {
                clean = TextLimits.Clip(ResultsText.Clean(name)!, TextLimits.Name - 12) + $" ({n})";
            }

            metrics.Add(new LoadMetric(clean, Distribution(statistics)));
        }

        return new LoadTestInfo(
            test.TestId,
            Name(test.Name),
            Name(test.Type),
            test.Model,
            test.Concurrency,
            test.TargetRate,
            test.Intended,
            test.Fired,
            test.Started,
            test.Succeeded,
            test.Failed,
            test.Dropped,
            test.Late,
            test.AchievedRate,
            test.Accuracy,
            Distribution(test.Latency),
            Distribution(test.Service),
            Distribution(test.StartDelay),
            test.SchedulingError is { } schedulingError ? Distribution(schedulingError) : null,
            test.Errors.Select(e => new LoadErrorCount(Name(e.Type), e.Count, Text(e.FirstMessage, TextLimits.Long))).ToArray(),
            metrics,
            test.Thresholds.Select(Threshold).ToArray(),
            test.MonitoredViolations);
    }

    private static LoadThresholdInfo Threshold(ThresholdOutcome outcome) =>
        new(Name(outcome.Expression), outcome.Passed, outcome.Actual, Text(outcome.ActualText, TextLimits.Short));

    // The statistics are stored as measured; only the unit, a text the plan gave, is cleaned and shortened.
    private static LoadDistribution Distribution(LoadDistribution s) => s with { Unit = Text(s.Unit, TextLimits.Short) };

    private static string Name(string text) => Text(text, TextLimits.Name) is { Length: > 0 } name ? name : "(empty)";

    private static string Text(string? text, int limit) => text is null ? string.Empty : TextLimits.Clip(ResultsText.Clean(text)!, limit);
}
