using System.Globalization;
using System.IO;
using Vypr.Contracts;
using Vypr.Load.Configuration;
using Vypr.Load.Reporting;
using Vypr.Load.Thresholds;

namespace Vypr.Cli.Load;

/// <summary>The end-of-run summary on the console: per entry, counts, rate, latency percentiles, errors and each threshold's outcome.</summary>
internal static class ConsoleSummary
{
    /// <summary>Writes the summary.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="result">The results.</param>
    public static void Write(TextWriter output, LoadRunResult result)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Fired for {result.DurationSeconds:0.###}s of {result.PlannedSeconds:0.###}s{(result.Interrupted ? " (interrupted)" : "")}."));
        foreach (LoadTestResult test in result.Tests)
        {
            string rate = test.Model == "open"
                ? string.Create(CultureInfo.InvariantCulture, $"{test.AchievedRate:0.##}/s of {test.TargetRate:0.##}/s target ({test.Accuracy * 100:0.##}%)")
                : string.Create(CultureInfo.InvariantCulture, $"{test.AchievedRate:0.##}/s at concurrency {test.Concurrency}");
            output.WriteLine($"{test.Name} ({test.Type}, {test.Model}): started {test.Started}, succeeded {test.Succeeded}, failed {test.Failed}, dropped {test.Dropped}, late {test.Late}; {rate}");
            Distribution(output, "latency", test.Latency);
            Distribution(output, "start delay", test.StartDelay);
            if (test.SchedulingError is { } schedulingError)
            {
                Distribution(output, "scheduling error", schedulingError);
            }

            foreach ((string name, LoadDistribution metric) in test.Metrics)
            {
                Distribution(output, "metric " + name, metric);
            }

            foreach (ErrorCount error in test.Errors)
            {
                output.WriteLine($"  error {error.Type}: {error.Count} (first: {error.FirstMessage})");
            }

            foreach (ThresholdOutcome threshold in test.Thresholds)
            {
                output.WriteLine(threshold.Passed
                    ? $"  threshold passed: {test.Name}: {threshold.Expression} (was {threshold.ActualText})"
                    : $"  THRESHOLD FAILED: {test.Name}: {threshold.Expression} (was {threshold.ActualText})");
            }
        }
    }

    private static void Distribution(TextWriter output, string name, LoadDistribution s)
    {
        string F(double v) => s.Unit == "ms" ? LoadDuration.FormatMilliseconds(v) : v.ToString("0.###", CultureInfo.InvariantCulture);
        output.WriteLine($"  {name}: count {s.Count}, mean {F(s.Mean)}, p50 {F(s.P50)}, p75 {F(s.P75)}, p90 {F(s.P90)}, p95 {F(s.P95)}, p99 {F(s.P99)}, p99.9 {F(s.P999)}, max {F(s.Max)}{(s.Invalid > 0 ? $", invalid {s.Invalid}" : "")}");
    }
}
