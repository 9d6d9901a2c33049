using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Vypr.Load.Configuration;
using Vypr.Load.Statistics;

namespace Vypr.Load.Reporting;

/// <summary>Writes a run's results as a Markdown report: per test entry, the counts, the rate, the distributions, errors and thresholds.</summary>
public static class MarkdownReport
{
    /// <summary>Renders the report.</summary>
    /// <param name="result">The results.</param>
    /// <returns>The Markdown text.</returns>
    public static string Render(LoadRunResult result)
    {
        var text = new StringBuilder();
        text.Append("# Load run: ").Append(Escape(System.IO.Path.GetFileName(result.Plan))).AppendLine().AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"Started {result.StartedAt:u}, fired for {result.DurationSeconds:0.###} s of {result.PlannedSeconds:0.###} s planned");
        text.Append(result.Interrupted ? " (interrupted)" : string.Empty);
        if (result.LoadAverage is { } load)
        {
            text.Append(CultureInfo.InvariantCulture, $"; load average {load:0.##}");
        }

        text.Append(". Thresholds: ").Append(result.Passed ? "**all passed**" : "**failed**").AppendLine(".").AppendLine();
        foreach (LoadTestResult test in result.Tests)
        {
            text.Append("## ").Append(Escape(test.Name)).Append(" (`").Append(test.Type).AppendLine("`)").AppendLine();
            text.AppendLine(test.Model == "open"
                ? Invariant($"Open model: target {test.TargetRate:0.##}/s, achieved {test.AchievedRate:0.##}/s ({test.Accuracy * 100:0.##}% of {test.Intended} intended fires).")
                : Invariant($"Closed model: {test.Concurrency} at once, {test.AchievedRate:0.##}/s."));
            text.AppendLine();
            text.AppendLine("| started | succeeded | failed | dropped | late |").AppendLine("|---:|---:|---:|---:|---:|");
            text.AppendLine(Invariant($"| {test.Started} | {test.Succeeded} | {test.Failed} | {test.Dropped} | {test.Late} |")).AppendLine();
            text.AppendLine("| distribution | unit | count | min | mean | p50 | p75 | p90 | p95 | p99 | p99.9 | max |");
            text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            Row(text, "latency (from intended start)", test.Latency);
            Row(text, "service (run step)", test.Service);
            Row(text, "start delay", test.StartDelay);
            if (test.SchedulingError is { } schedulingError)
            {
                Row(text, "scheduling error", schedulingError);
            }

            foreach ((string name, DistributionSummary metric) in test.Metrics)
            {
                Row(text, "metric " + name, metric);
            }

            text.AppendLine();
            if (test.Errors.Count > 0)
            {
                text.AppendLine("| error | count | first message |").AppendLine("|---|---:|---|");
                foreach (ErrorCount error in test.Errors)
                {
                    text.AppendLine(Invariant($"| `{error.Type}` | {error.Count} | {Escape(error.FirstMessage)} |"));
                }

                text.AppendLine();
            }

            if (test.Thresholds.Count > 0)
            {
                text.AppendLine("| threshold | result | actual |").AppendLine("|---|---|---:|");
                foreach (var threshold in test.Thresholds)
                {
                    text.AppendLine($"| `{threshold.Expression}` | {(threshold.Passed ? "passed" : "**FAILED**")} | {threshold.ActualText} |");
                }

                text.AppendLine();
            }

            if (test.MonitoredViolations > 0)
            {
                text.AppendLine(Invariant($"Monitored methods violated their specifications {test.MonitoredViolations} times under this load.")).AppendLine();
            }
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, DistributionSummary s)
    {
        string F(double v) => s.Unit == "ms" ? LoadDuration.FormatMilliseconds(v) : double.IsFinite(v) ? v.ToString("0.###", CultureInfo.InvariantCulture) : "n/a";
        text.AppendLine($"| {Escape(name)} | {s.Unit} | {s.Count} | {F(s.Min)} | {F(s.Mean)} | {F(s.P50)} | {F(s.P75)} | {F(s.P90)} | {F(s.P95)} | {F(s.P99)} | {F(s.P999)} | {F(s.Max)} |");
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("|", "\\|", System.StringComparison.Ordinal).Replace("\n", " ", System.StringComparison.Ordinal).Replace("\r", " ", System.StringComparison.Ordinal);
}
