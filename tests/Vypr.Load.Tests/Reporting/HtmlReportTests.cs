using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Load.Configuration;
using Vypr.Load.Reporting;
using Vypr.Load.Running;
using Vypr.Load.Statistics;
using Vypr.Load.Tests.Support;
using Vypr.Tests.Shared;
using Vypr.Load.Thresholds;
using Xunit;

namespace Vypr.Load.Tests.Reporting;

/// <summary>The HTML report: its charts and tables from a real run, self-contained (no network, no script), and safe with any text.</summary>
public sealed class HtmlReportTests
{
    [Fact]
    public async Task A_real_runs_report_holds_every_chart_and_table_and_its_timeline_accounts_for_every_instance()
    {
        LoadPlan plan = LoadPlanReader.Read(
            $"""
            assembly: {Paths.TestLibrary}
            duration: 1500ms
            tests:
              - name: flaky
                type: Vypr.Load.TestLibrary.FailingTest
                rate: 200
                arguments:
                  every: 5
                thresholds:
                  - errors < 1%
            """,
            "plan.yml",
            AppContext.BaseDirectory);
        LoadRunResult result = await new LoadRunner(plan, new LoadRunOptions { ProgressInterval = TimeSpan.FromMilliseconds(200) })
            .RunAsync(CancellationToken.None, CancellationToken.None);
        LoadTestResult test = Assert.Single(result.Tests);

        // The timeline accounts for the whole run: every completion, failure and intended fire is in one interval.
        Assert.True(test.Timeline.Count >= 5, $"{test.Timeline.Count} points");
        Assert.Equal(test.Succeeded + test.Failed, test.Timeline.Sum(p => p.Completed));
        Assert.Equal(test.Failed, test.Timeline.Sum(p => p.Failed));
        double intended = 0, started = 0, previous = 0;
        foreach (TimelinePoint point in test.Timeline)
        {
            intended += point.TargetRate * (point.Seconds - previous);
            started += point.AchievedRate * (point.Seconds - previous);
            previous = point.Seconds;
        }

        Assert.Equal(test.Intended, Math.Round(intended));
        Assert.Equal(test.Started, Math.Round(started));
        Assert.Equal(0, test.LatencyPercentiles[0].Percentile);
        Assert.Equal(test.Latency.Max, test.LatencyPercentiles[^1].Value);
        Assert.True(test.LatencyPercentiles.Zip(test.LatencyPercentiles.Skip(1)).All(pair => pair.First.Value <= pair.Second.Value), "a percentile plot never goes down");

        string html = HtmlReport.Render(result);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Count(html, "<svg "));
        foreach (string heading in (string[])["Latency over time", "Latency distribution", "Rate over time", "Errors over time", "Distributions", "Thresholds"])
        {
            Assert.Contains($"<h3>{heading}</h3>", html, StringComparison.Ordinal);
        }

        Assert.Contains("<code>System.InvalidOperationException</code></td><td class=\"n\">60</td>", html, StringComparison.Ordinal);
        Assert.Contains("<code>errors &lt; 1%</code></td><td class=\"failed\">FAILED", html, StringComparison.Ordinal);
        Assert.Contains("99.9%", html, StringComparison.Ordinal);
        Assert.True(Regex.Count(html, "<polyline ") >= 7, "p50, p90, p99, max, the distribution, target and achieved are drawn as lines");
        AssertSelfContained(html);
    }

    [Fact]
    public void Hostile_texts_are_escaped_and_statistics_never_measured_draw_no_line()
    {
        var nothing = new LoadDistribution("ms", 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        const string hostile = "<script>alert(1)</script>\u0000\ud800 \"' & </td>";
        var result = new LoadRunResult
        {
            Plan = "/plans/<b>.yml",
            StartedAt = DateTimeOffset.UnixEpoch,
            DurationSeconds = 0,
            PlannedSeconds = 1,
            Interrupted = true,
            Tests =
            [
                new LoadTestResult
                {
                    Name = hostile,
                    Type = hostile,
                    Model = "open",
                    TargetRate = double.NaN,
                    Accuracy = double.NaN,
                    Latency = nothing,
                    Service = nothing,
                    StartDelay = nothing,
                    Errors = [new ErrorCount(hostile, 3, hostile)],
                    Metrics = new Dictionary<string, LoadDistribution> { [hostile] = nothing with { Unit = hostile } },
                    Thresholds = [new ThresholdOutcome(hostile, false, double.NaN, hostile)],
                    Timeline = [new TimelinePoint(0.5, double.PositiveInfinity, 0, 0, 0, 0, double.NaN, double.NaN, double.NaN, double.NaN)],
                },
            ],
        };

        string html = HtmlReport.Render(result);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', html);
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;\uFFFD\uFFFD &quot;&#39; &amp; &lt;/td&gt;", html, StringComparison.Ordinal);
        Assert.Contains("nothing measured", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<polyline ", html, StringComparison.Ordinal);
        AssertSelfContained(html);
    }

    [Fact]
    public async Task Vypr_load_writes_the_html_report_where_html_says()
    {
        string directory = Paths.NewDirectory();
        string plan = Plans.Write(directory, """
            duration: 1s
            tests:
              - name: noop
                type: Vypr.Load.TestLibrary.NoOpTest
                rate: 100
            """);
        string path = Path.Combine(directory, "report.html");

        (int code, string output, string error) = await VyprProcess.RunAsync(directory, TimeSpan.FromMinutes(2), "load", "-c", plan, "--html", path);

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        Assert.Contains($"HTML report: {path}", output, StringComparison.Ordinal);
        string html = File.ReadAllText(path);
        Assert.Contains("<h2>noop <small><code>Vypr.Load.TestLibrary.NoOpTest</code></small></h2>", html, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Count(html, "<svg "));
        AssertSelfContained(html);
    }

    [Fact]
    public async Task The_report_opens_in_a_headless_browser_with_no_network_request_and_no_console_error()
    {
        HeadlessBrowser.Require();
        string directory = Paths.NewDirectory();
        LoadPlan plan = LoadPlanReader.Read(
            $"assembly: {Paths.TestLibrary}\nduration: 1s\ntests:\n  - type: Vypr.Load.TestLibrary.FailingTest\n    rate: 100\n    arguments:\n      every: 3\n",
            "plan.yml",
            AppContext.BaseDirectory);
        LoadRunResult result = await new LoadRunner(plan, new LoadRunOptions { ProgressInterval = TimeSpan.FromMilliseconds(200) })
            .RunAsync(CancellationToken.None, CancellationToken.None);
        string report = Path.Combine(directory, "report.html");
        File.WriteAllText(report, HtmlReport.Render(result));

        // The harness sees what it must refuse: a page that fetches and logs an error.
        string control = Path.Combine(directory, "control.html");
        File.WriteAllText(control, "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/x.png\"><script>console.error('control')</script></body></html>");
        BrowserPage controlPage = await HeadlessBrowser.OpenAsync(control, [], TestContext.Current.CancellationToken);
        Assert.Contains("request: http://127.0.0.1:9/x.png", controlPage.Problems);
        Assert.Contains(controlPage.Problems, p => p.Contains("control", StringComparison.Ordinal));

        BrowserPage page = await HeadlessBrowser.OpenAsync(report, ["section.test svg"], TestContext.Current.CancellationToken);

        Assert.Empty(page.Problems);
        page.AssertChartsLaidOut();
        Assert.Equal(4, page.Count("section.test svg"));
    }

    // Opens with no network: nothing is fetched (no URL, no external reference of any kind) and nothing runs.
    private static void AssertSelfContained(string html)
    {
        foreach (string reference in (string[])["http:", "https:", "//", "<script", "<link", " src=", "href=", "url(", "@import", "<iframe", "<object", "<embed"])
        {
            Assert.DoesNotContain(reference, html.Replace("default-src 'none'", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        }
    }
}
