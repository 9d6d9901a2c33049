using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Vypr.Load.Reporting;

/// <summary>
/// What the HTML and the Markdown report say about a run, worked out once: the title, the run's sentence, and per
/// test entry its counts, its model's sentence and its distributions with every statistic formatted. Texts are plain
/// (not escaped); each writer only lays the report out in its own markup.
/// </summary>
/// <param name="Title">The report's title (<c>Load run: plan.yml</c>).</param>
/// <param name="Summary">When the run started, how long it fired of how long planned, whether it was interrupted, the load average.</param>
/// <param name="Passed">Whether every threshold passed.</param>
/// <param name="Tests">Each test entry, in the plan's order.</param>
internal sealed record LoadReport(string Title, string Summary, bool Passed, IReadOnlyList<LoadTestReport> Tests)
{
    /// <summary>The report of <paramref name="result"/>.</summary>
    /// <param name="result">The results.</param>
    /// <returns>The report.</returns>
    public static LoadReport Of(LoadRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string summary = Invariant($"Started {result.StartedAt:u}, fired for {Number(result.DurationSeconds)} s of {Number(result.PlannedSeconds)} s planned")
            + (result.Interrupted ? " (interrupted)" : string.Empty)
            + (result.LoadAverage is { } load ? "; load average " + Number(load) : string.Empty);
        return new LoadReport("Load run: " + System.IO.Path.GetFileName(result.Plan), summary, result.Passed, result.Tests.Select(Test).ToArray());
    }

    /// <summary>A number as both reports write it: up to three decimals, thousands grouped from 1000, <c>n/a</c> when not finite.</summary>
    /// <param name="value">The number.</param>
    /// <returns>Its text.</returns>
    public static string Number(double value) => SvgLineChart.Number(value);

    private static LoadTestReport Test(LoadTestResult test)
    {
        string N(double? value) => Number(value ?? double.NaN);
        string model = test.Model == "open"
            ? Invariant($"Open model: target {N(test.TargetRate)}/s, achieved {N(test.AchievedRate)}/s ({N(test.Accuracy * 100)}% of {test.Intended} intended fires).")
            : Invariant($"Closed model: {test.Concurrency} at once, {N(test.AchievedRate)}/s.");
        var distributions = new List<DistributionRow>
        {
            DistributionRow.Of("latency (from intended start)", test.Latency),
            DistributionRow.Of("service (run step)", test.Service),
            DistributionRow.Of("start delay", test.StartDelay),
        };
        if (test.SchedulingError is { } schedulingError)
        {
            distributions.Add(DistributionRow.Of("scheduling error", schedulingError));
        }

        distributions.AddRange(test.Metrics.Select(metric => DistributionRow.Of("metric " + metric.Key, metric.Value)));
        (string, long)[] counts =
        [
            ("intended", test.Intended), ("fired", test.Fired), ("started", test.Started), ("succeeded", test.Succeeded),
            ("failed", test.Failed), ("dropped", test.Dropped), ("late", test.Late), ("monitored violations", test.MonitoredViolations),
        ];
        return new LoadTestReport(test, model, counts, distributions);
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
