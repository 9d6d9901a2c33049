using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Vypr.Contracts;
using Vypr.Runtime.Runs;
using Xunit;

namespace Vypr.Runtime.Tests.Runs;

/// <summary>
/// A test's report, collected in one drain with cached "ok" line starts, says what the separate collections and
/// freshly formatted lines say; its output text is its lines joined; a passing test's count line, cached per number of
/// verdicts (below 256), is the line formatted afresh.
/// </summary>
public sealed class TestReportTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(7, 0)]
    [InlineData(3, 2)]
    [InlineData(0, 1)]
    [InlineData(255, 0)]
    [InlineData(256, 0)]
    [InlineData(300, 1)]
    public void A_report_holds_the_tests_verdicts_statistics_and_lines(int satisfied, int violated)
    {
        using TestScope scope = TestScope.Begin($"TestReportTests.Report({satisfied}, {violated})");
        for (int i = 0; i < satisfied; i++)
        {
            Workload.Compute(i);
        }

        for (int i = 0; i < violated; i++)
        {
            Workload.AlwaysTooSlow(i);
        }

        TestReport report = TestReport.Collect(scope, ViolationPolicy.Report);

        Assert.Equal(scope.CollectVerdicts(), report.Verdicts);
        Assert.Equal(scope.CollectSummaries(), report.Summaries);
        Assert.Equal(scope.CollectVerdicts().Where(v => !v.Value), report.Violations);
        Assert.Empty(report.Warnings);
        Assert.Equal(violated, report.Violations.Count(v => !v.Value));

        // The lines as TestReport formatted them before one drain and the cached line starts.
        var expected = new List<string>();
        if (report.Summaries.Count > 0)
        {
            long verdicts = report.Summaries.Sum(s => s.Calls);
            expected.Add($"Vypr: {verdicts} {(verdicts == 1 ? "verdict" : "verdicts")} on monitored calls (one per call and specification), {report.Violations.Count} violated their specification.");
            foreach (CallSiteSummary site in report.Summaries.Where(s => s.Violations == 0))
            {
                CallSiteInfo callSite = MonitorRegistry.CallSite(site.CallSiteId);
                SpecificationInfo specification = MonitorRegistry.Specification(callSite.SpecificationId);
                expected.Add($"  ok {specification.Text} on {specification.Method} at {callSite.Location}: {site.Calls.ToString(CultureInfo.InvariantCulture)} call{(site.Calls == 1 ? string.Empty : "s")}, slowest {DurationText.FormatNanoseconds(site.MaxNanoseconds)}");
            }

            expected.AddRange(report.Violations.Select(v => $"  VIOLATED {VerdictText.Describe(v)}"));
        }

        Assert.Equal(expected, report.OutputLines(TestOutputDetail.Detailed));
        Assert.Equal(satisfied + violated == 0, report.OutputLines(TestOutputDetail.Detailed).Count == 0);
        Assert.Equal(violated, report.OutputLines(TestOutputDetail.Detailed).Count(l => l.StartsWith("  VIOLATED ", System.StringComparison.Ordinal)));

        // By default a test without violation or warning shows its count alone; one with a violation shows every line.
        List<string> summary = violated > 0 ? expected : expected.Take(1).ToList();
        Assert.Equal(summary, report.OutputLines(TestOutputDetail.Summary));
        Assert.Equal(report.OutputLines(TestOutputSetting.Current), report.OutputLines());

        // The text an integration writes is the lines joined, built in one buffer.
        Assert.Equal(string.Join(System.Environment.NewLine, expected), report.OutputText(TestOutputDetail.Detailed));
        Assert.Equal(string.Join(System.Environment.NewLine, summary), report.OutputText(TestOutputDetail.Summary));
        Assert.Equal(report.OutputText(TestOutputSetting.Current), report.OutputText());
    }
}
