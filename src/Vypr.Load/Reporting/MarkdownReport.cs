using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Vypr.Load.Reporting;

/// <summary>
/// Writes a run's results as a Markdown report: per test entry, the counts, the rate, the distributions, errors and
/// thresholds. It says what <see cref="HtmlReport"/> says (one <see cref="LoadReport"/>), without the charts.
/// </summary>
public static class MarkdownReport
{
    /// <summary>Renders the report.</summary>
    /// <param name="result">The results.</param>
    /// <returns>The Markdown text.</returns>
    public static string Render(LoadRunResult result)
    {
        LoadReport report = LoadReport.Of(result);
        var text = new StringBuilder();
        text.Append("# ").Append(Escape(report.Title)).AppendLine().AppendLine();
        text.Append(Escape(report.Summary)).Append(". Thresholds: ").Append(report.Passed ? "**all passed**" : "**failed**").AppendLine(".").AppendLine();
        foreach (LoadTestReport test in report.Tests)
        {
            Test(text, test);
        }

        return text.ToString();
    }

    private static void Test(StringBuilder text, LoadTestReport report)
    {
        LoadTestResult test = report.Result;
        text.Append("## ").Append(Escape(test.Name)).Append(" (`").Append(test.Type).AppendLine("`)").AppendLine();
        text.AppendLine(Escape(report.Model)).AppendLine();
        Table(text, report.Counts.Select(c => c.Name).ToArray(), right: report.Counts.Count);
        text.AppendLine("| " + string.Join(" | ", report.Counts.Select(c => c.Value.ToString(CultureInfo.InvariantCulture))) + " |").AppendLine();
        Table(text, ["distribution", "unit", "count", .. DistributionRow.StatisticNames, "invalid"], right: DistributionRow.StatisticNames.Count + 2);
        foreach (DistributionRow row in report.Distributions)
        {
            text.AppendLine(Invariant($"| {Escape(row.Name)} | {Escape(row.Unit)} | {row.Count} | {string.Join(" | ", row.Statistics)} | {row.Invalid} |"));
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

    // A header row and its alignment row; the last `right` columns (the numbers) are right-aligned.
    private static void Table(StringBuilder text, string[] headers, int right)
    {
        text.AppendLine("| " + string.Join(" | ", headers.Select(Escape)) + " |");
        text.AppendLine("|" + string.Concat(headers.Select((_, i) => i >= headers.Length - right ? "---:|" : "---|")));
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal);
}
