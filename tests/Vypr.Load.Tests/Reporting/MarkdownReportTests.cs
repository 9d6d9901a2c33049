using System;
using System.Collections.Generic;
using System.Linq;
using Vypr.Contracts;
using Vypr.Load.Reporting;
using Vypr.Load.Thresholds;
using Xunit;

namespace Vypr.Load.Tests.Reporting;

/// <summary>The Markdown report says what the HTML report says (one report model), and a text never breaks its tables.</summary>
public sealed class MarkdownReportTests
{
    [Fact]
    public void Both_reports_list_the_same_counts_and_distributions_with_the_same_formatted_statistics()
    {
        LoadRunResult result = Result("checkout", "bytes");

        string markdown = MarkdownReport.Render(result);
        string html = HtmlReport.Render(result);

        foreach (string statistic in (string[])["1.5ms", "2.25ms", "1,235", "n/a"])
        {
            Assert.Contains(statistic, markdown, StringComparison.Ordinal);
            Assert.Contains(statistic, html, StringComparison.Ordinal);
        }

        foreach (string row in (string[])["latency (from intended start)", "service (run step)", "start delay", "scheduling error", "metric bytes", "monitored violations"])
        {
            Assert.Contains(row, markdown, StringComparison.Ordinal);
            Assert.Contains(row, html, StringComparison.Ordinal);
        }

        Assert.Contains("| 40 | 39 | 38 | 37 | 1 | 1 | 2 | 3 |", markdown, StringComparison.Ordinal);
        Assert.Contains("Open model: target 20/s, achieved 19.5/s (97.5% of 40 intended fires).", markdown, StringComparison.Ordinal);
        Assert.Contains("Open model: target 20/s, achieved 19.5/s (97.5% of 40 intended fires).", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a | b")]
    [InlineData("line\nbreak\r")]
    [InlineData("")]
    [InlineData("\u0000\ud800|")]
    public void Every_table_row_has_as_many_cells_as_its_header_whatever_the_names(string name)
    {
        string markdown = MarkdownReport.Render(Result(name, name));

        string[] lines = markdown.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("|---", StringComparison.Ordinal))
            {
                int cells = Cells(lines[i - 1]);
                Assert.Equal(cells, Cells(lines[i]));
                for (int j = i + 1; j < lines.Length && lines[j].StartsWith('|'); j++)
                {
                    Assert.True(cells == Cells(lines[j]), $"line {j + 1} of\n{markdown}");
                }
            }
        }
    }

    // Cells between unescaped pipes.
    private static int Cells(string line) => line.Replace("\\|", string.Empty, StringComparison.Ordinal).Count(c => c == '|') - 1;

    private static LoadRunResult Result(string name, string metric)
    {
        var latency = new LoadDistribution("ms", 37, 1.5, 2.25, 2, 2, 2, 2, 3, 3, 3, 0);
        var bytes = new LoadDistribution("bytes", 37, 1234.5, double.NaN, 1, 1, 1, 1, 1, 1, 1, 2);
        return new LoadRunResult
        {
            Plan = "/plans/plan.yml",
            StartedAt = DateTimeOffset.UnixEpoch,
            DurationSeconds = 2,
            PlannedSeconds = 2,
            Interrupted = false,
            Tests =
            [
                new LoadTestResult
                {
                    Name = name,
                    Type = "Tests.Checkout",
                    Model = "open",
                    TargetRate = 20,
                    AchievedRate = 19.5,
                    Accuracy = 0.975,
                    Intended = 40,
                    Fired = 39,
                    Started = 38,
                    Succeeded = 37,
                    Failed = 1,
                    Dropped = 1,
                    Late = 2,
                    MonitoredViolations = 3,
                    Latency = latency,
                    Service = latency,
                    StartDelay = latency,
                    SchedulingError = latency,
                    Errors = [new ErrorCount("System.Exception", 1, name)],
                    Metrics = new Dictionary<string, LoadDistribution> { [metric] = bytes },
                    Thresholds = [new ThresholdOutcome("p99 < 30s", true, 3, "3ms")],
                },
            ],
        };
    }
}
