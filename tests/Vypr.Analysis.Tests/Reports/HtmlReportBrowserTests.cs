using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Vypr.Analysis.Comparison;
using Vypr.Analysis.Explanations;
using Vypr.Analysis.History;
using Vypr.Analysis.Inputs;
using Vypr.Analysis.Reports;
using Vypr.Analysis.Tests.Explanations;
using Vypr.Analysis.Tests.Server;
using Vypr.Contracts;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Analysis.Tests.Reports;

/// <summary>
/// The HTML reports opened in a real headless browser (Debian's Chromium through Playwright): every chart the report
/// promises is rendered with a size, nothing is fetched over the network, and the console stays free of errors.
/// </summary>
public sealed class HtmlReportBrowserTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vypr-html-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task The_explanations_report_draws_each_specifications_severity_over_time()
    {
        RunDocument[] runs = VerdictServerReaderTests.History();
        IReadOnlyList<SeverityHistory> severities = SeverityHistories.From(runs);
        SeverityHistory history = Assert.Single(severities);
        Assert.Equal(runs.Length, history.Points.Count);

        BrowserPage page = await OpenAsync("explain.html", HtmlReport.Explanations(ViolationExplainer.Explain(runs), severities));
        Assert.Empty(page.Problems);

        Assert.Equal(1, page.Count("figure.severity svg"));
        Assert.Equal(runs.Length, page.Count("figure.severity svg circle"));
        Assert.True(page.Count("table svg rect") > 0, "the explanation rates are drawn as bars");
    }

    [Fact]
    public async Task The_comparison_report_draws_two_distributions_for_each_changed_metric()
    {
        RunDocument[] runs = VerdictServerReaderTests.History().Where(r => r.Run.Branch == "main").ToArray();
        RunSet before = RunSets.ToRunSet("base", runs.Take(5).Select(r => RunReader.FromDocument(r.Run.Commit!, r)).ToList());
        RunSet after = RunSets.ToRunSet("head", runs.Skip(5).Select(r => RunReader.FromDocument(r.Run.Commit!, r)).ToList());
        RunComparison comparison = RunComparer.Compare(before, after);
        int drawn = comparison.Metrics.Count(m => m.Outcome != ComparisonOutcome.Same);
        Assert.True(drawn > 0);

        BrowserPage page = await OpenAsync("compare.html", HtmlReport.Comparison(comparison, before, after));
        Assert.Empty(page.Problems);

        Assert.Equal(drawn, page.Count("figure svg"));
    }

    [Fact]
    public async Task The_changes_report_draws_each_history_with_its_change_marked()
    {
        var random = new Random(3);
        var points = Enumerable.Range(0, 40)
            .Select(i => new HistoryPoint($"c{i:000000}", 1e6 * (i >= 20 ? 1.3 : 1.0) * (1 + (0.01 * (random.NextDouble() - 0.5)))))
            .ToList();
        IReadOnlyList<MetricHistory> histories = HistoryAnalysis.Analyze(new Dictionary<string, IReadOnlyList<HistoryPoint>> { ["parse"] = points, ["hash"] = points.Select(p => p with { Value = 5e5 }).ToList() });
        Assert.Single(histories[0].Changes);

        BrowserPage page = await OpenAsync("changes.html", HtmlReport.Changes(histories));
        Assert.Empty(page.Problems);

        Assert.Equal(2, page.Count("figure svg"));
        Assert.Equal(1, page.Count("figure svg line[stroke-dasharray]"));
    }

    [Fact]
    public async Task The_browser_check_sees_network_requests_and_console_errors()
    {
        const string html = "<!DOCTYPE html><html><body><svg width=\"10\" height=\"10\"></svg>" +
            "<img src=\"http://127.0.0.1:9/chart.png\"><script>console.error('broken chart')</script></body></html>";

        BrowserPage page = await OpenAsync("leaky.html", html);

        Assert.Contains(page.Problems, p => p.StartsWith("request: http://127.0.0.1:9/chart.png", StringComparison.Ordinal));
        Assert.Contains(page.Problems, p => p.Contains("broken chart", StringComparison.Ordinal));
    }

    private async Task<BrowserPage> OpenAsync(string name, string html)
    {
        HeadlessBrowser.Require();
        string path = Path.Combine(directory, name);
        await File.WriteAllTextAsync(path, html, TestContext.Current.CancellationToken);
        BrowserPage page = await HeadlessBrowser.OpenAsync(
            path,
            ["figure svg", "figure.severity svg", "figure.severity svg circle", "table svg rect", "figure svg line[stroke-dasharray]"],
            TestContext.Current.CancellationToken);
        page.AssertChartsLaidOut();
        return page;
    }
}
