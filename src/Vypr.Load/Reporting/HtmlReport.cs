using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Vypr.Load.Reporting;

/// <summary>
/// Writes a run's results as one self-contained HTML page: styles inline, charts as inline SVG, no script, no link to
/// anything, so it opens from a CI artifact with no network. Per test entry: the counts, latency percentiles over
/// time, the latency distribution (a percentile plot), achieved against target rate over time, failures and dropped
/// fires over time, every distribution's statistics, errors by type and the thresholds.
/// </summary>
public static class HtmlReport
{
    private static readonly double[] s_spectrumTicks = [0, 1, 2, 3, 4, 5];

    /// <summary>Renders the report.</summary>
    /// <param name="result">The results.</param>
    /// <returns>The HTML text.</returns>
    public static string Render(LoadRunResult result)
    {
        LoadReport report = LoadReport.Of(result);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">");
        html.Append("<title>").Append(Escape(report.Title)).Append("</title><style>");
        html.Append("body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}");
        html.Append("table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:3px 8px}td.n{text-align:right;font-variant-numeric:tabular-nums}");
        html.Append("th{background:#f4f4f4}.failed{color:#b00020;font-weight:bold}.passed{color:#1b7f3b}.chart{display:block;margin:4px 0 18px}h2{margin-top:32px;border-bottom:1px solid #ddd}");
        html.Append("</style></head><body>");
        html.Append("<h1>").Append(Escape(report.Title)).Append("</h1>");
        html.Append("<p>").Append(Escape(report.Summary));
        html.Append(". Thresholds: ").Append(report.Passed ? "<span class=\"passed\">all passed</span>" : "<span class=\"failed\">failed</span>").Append(".</p>");
        foreach (LoadTestReport test in report.Tests)
        {
            Test(html, test);
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static void Test(StringBuilder html, LoadTestReport report)
    {
        LoadTestResult test = report.Result;
        html.Append("<section class=\"test\"><h2>").Append(Escape(test.Name)).Append(" <small><code>").Append(Escape(test.Type)).Append("</code></small></h2>");
        html.Append("<p>").Append(Escape(report.Model)).Append("</p>");
        html.Append("<table><tr>");
        foreach ((string name, _) in report.Counts)
        {
            html.Append("<th>").Append(Escape(name)).Append("</th>");
        }

        html.Append("</tr><tr>");
        foreach ((_, long count) in report.Counts)
        {
            html.Append("<td class=\"n\">").Append(count.ToString(CultureInfo.InvariantCulture)).Append("</td>");
        }

        html.Append("</tr></table>");

        IReadOnlyList<TimelinePoint> timeline = test.Timeline;
        html.Append("<h3>Latency over time</h3>");
        html.Append(SvgLineChart.Render(
            "latency percentiles over time of " + test.Name,
            "seconds since start",
            "latency (ms)",
            [
                new("p50", "#4a78c2", timeline.Select(p => (p.Seconds, p.P50)).ToArray()),
                new("p90", "#2e9d6a", timeline.Select(p => (p.Seconds, p.P90)).ToArray()),
                new("p99", "#d0612e", timeline.Select(p => (p.Seconds, p.P99)).ToArray()),
                new("max", "#9b3fb5", timeline.Select(p => (p.Seconds, p.Max)).ToArray(), Dashed: true),
            ]));

        // A percentile plot: x is log10(1 / (1 - p)), so 90%, 99%, 99.9% ... are evenly spaced and the tail is visible.
        html.Append("<h3>Latency distribution</h3>");
        html.Append(SvgLineChart.Render(
            "latency distribution of " + test.Name,
            "percentile",
            "latency (ms)",
            [new("latency", "#d0612e", test.LatencyPercentiles.Select(p => (Nines(p.Percentile), p.Value)).ToArray())],
            x => Invariant($"{100 - (100 / Math.Pow(10, x)):0.####}%"),
            s_spectrumTicks));

        html.Append("<h3>Rate over time</h3>");
        html.Append(SvgLineChart.Render(
            "achieved and target rate over time of " + test.Name,
            "seconds since start",
            "per second",
            [
                new("target", "#888888", timeline.Select(p => (p.Seconds, p.TargetRate)).ToArray(), Dashed: true),
                new("achieved", "#4a78c2", timeline.Select(p => (p.Seconds, p.AchievedRate)).ToArray()),
            ]));

        html.Append("<h3>Errors over time</h3>");
        html.Append(SvgLineChart.Render(
            "failed instances and dropped fires over time of " + test.Name,
            "seconds since start",
            "per interval",
            [
                new("failed", "#b00020", timeline.Select(p => (p.Seconds, (double)p.Failed)).ToArray()),
                new("dropped", "#e0a100", timeline.Select(p => (p.Seconds, (double)p.Dropped)).ToArray(), Dashed: true),
            ]));

        html.Append("<h3>Distributions</h3><table><tr><th>distribution</th><th>unit</th><th>count</th>");
        foreach (string statistic in DistributionRow.StatisticNames)
        {
            html.Append("<th>").Append(Escape(statistic)).Append("</th>");
        }

        html.Append("<th>invalid</th></tr>");
        foreach (DistributionRow row in report.Distributions)
        {
            Row(html, row);
        }

        html.Append("</table>");
        html.Append("<h3>Errors</h3>");
        if (test.Errors.Count == 0)
        {
            html.Append("<p>No instance failed.</p>");
        }
        else
        {
            html.Append("<table><tr><th>exception</th><th>count</th><th>first message</th></tr>");
            foreach (ErrorCount error in test.Errors)
            {
                html.Append("<tr><td><code>").Append(Escape(error.Type)).Append("</code></td><td class=\"n\">").Append(error.Count.ToString(CultureInfo.InvariantCulture))
                    .Append("</td><td>").Append(Escape(error.FirstMessage)).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        if (test.Thresholds.Count > 0)
        {
            html.Append("<h3>Thresholds</h3><table><tr><th>threshold</th><th>result</th><th>actual</th></tr>");
            foreach (var threshold in test.Thresholds)
            {
                html.Append("<tr><td><code>").Append(Escape(threshold.Expression)).Append("</code></td><td class=\"").Append(threshold.Passed ? "passed\">passed" : "failed\">FAILED")
                    .Append("</td><td class=\"n\">").Append(Escape(threshold.ActualText)).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("</section>");
    }

    private static void Row(StringBuilder html, DistributionRow row)
    {
        html.Append("<tr><td>").Append(Escape(row.Name)).Append("</td><td>").Append(Escape(row.Unit)).Append("</td><td class=\"n\">").Append(row.Count.ToString(CultureInfo.InvariantCulture)).Append("</td>");
        foreach (string value in row.Statistics)
        {
            html.Append("<td class=\"n\">").Append(Escape(value)).Append("</td>");
        }

        html.Append("<td class=\"n\">").Append(row.Invalid.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>");
    }

    // 0 at the 0th percentile, 1 at the 90th, 2 at the 99th...; the 100th percentile is drawn at 5 (99.999%).
    private static double Nines(double percentile) => Math.Min(5, -Math.Log10(Math.Max(1e-5, 1 - (percentile / 100))));

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => SvgLineChart.Escape(text);
}
