using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Vypr.Analysis.Tests.Explanations;
using Vypr.Analysis.Tests.Statistics;
using Vypr.Contracts;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Analysis.Tests.Cli;

public sealed class CommandTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    private readonly string directory = Directory.CreateTempSubdirectory("vypr-cli-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Compare_reports_a_slower_metric_in_markdown_and_exits_0()
    {
        string b = Samples("base.json", 1.0, "m1");
        string h = Samples("head.json", 1.3, "m1");
        var (code, output, error) = await VyprProcess.RunAsync(directory, s_timeout, "compare", b, h);
        Assert.True(code == 0, error);
        Assert.Contains("**1 slower**", output, StringComparison.Ordinal);
        Assert.Contains("| 🔴 Slower | parse |", output, StringComparison.Ordinal);
        Assert.Contains("| ⚪ Same | hash |", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_html_report_is_self_contained_with_inline_charts()
    {
        string b = Samples("base.json", 1.0, "m1");
        string h = Samples("head.json", 1.3, "m1");
        string report = Path.Combine(directory, "report.html");
        var (code, _, error) = await VyprProcess.RunAsync(directory, s_timeout, "compare", b, h, "--format", "html", "--output", report);
        Assert.True(code == 0, error);
        string html = await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("<circle", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=", html, StringComparison.OrdinalIgnoreCase);
        string good = Results("good.json", Documents.Uploader(40, 0, 60));
        Assert.Equal(2, (await VyprProcess.RunAsync(directory, s_timeout, "suggest", good, "--format", "html")).ExitCode);
    }

    [Fact]
    public async Task Gate_exits_1_on_a_regression_and_0_without_one()
    {
        string b = Samples("base.json", 1.0, "m1");
        string slower = Samples("slower.json", 1.3, "m1");
        string same = Samples("same.json", 1.0, "m1");
        Assert.Equal(1, (await VyprProcess.RunAsync(directory, s_timeout, "gate", b, slower)).ExitCode);
        Assert.Equal(0, (await VyprProcess.RunAsync(directory, s_timeout, "gate", b, same)).ExitCode);
    }

    [Fact]
    public async Task Runs_of_different_machines_are_refused_with_exit_2_unless_allowed()
    {
        string b = Samples("base.json", 1.0, "ci-runner-1");
        string h = Samples("head.json", 1.0, "laptop");
        var (code, _, error) = await VyprProcess.RunAsync(directory, s_timeout, "compare", b, h);
        Assert.Equal(2, code);
        Assert.Contains("different machines", error, StringComparison.Ordinal);
        Assert.Equal(0, (await VyprProcess.RunAsync(directory, s_timeout, "compare", b, h, "--allow-different-machines")).ExitCode);
    }

    [Fact]
    public async Task A_malformed_file_exits_3_naming_the_file_and_path_and_a_wrong_option_exits_2()
    {
        string b = Samples("base.json", 1.0, "m1");
        string bad = Path.Combine(directory, "bad.json");
        await File.WriteAllTextAsync(bad, """{"schema":"vypr.samples/1","metrics":[{"name":"x","samples":["5"]}]}""", TestContext.Current.CancellationToken);
        var (code, _, error) = await VyprProcess.RunAsync(directory, s_timeout, "compare", b, bad);
        Assert.Equal(3, code);
        Assert.Contains("bad.json", error, StringComparison.Ordinal);
        Assert.Contains("$.metrics[0].samples[0]", error, StringComparison.Ordinal);
        Assert.Equal(2, (await VyprProcess.RunAsync(directory, s_timeout, "compare", b, b, "--threshold", "lots")).ExitCode);
        Assert.Equal(2, (await VyprProcess.RunAsync(directory, s_timeout, "compare", b)).ExitCode);
    }

    [Fact]
    public async Task Compare_reads_results_files_and_writes_json()
    {
        string b = Results("base.json", Documents.Uploader(40, 0, 60, scale: 1.0));
        string h = Results("head.json", Documents.Uploader(40, 0, 60, scale: 1.5));
        var (code, output, error) = await VyprProcess.RunAsync(directory, s_timeout, "compare", b, h, "--format", "json");
        Assert.True(code == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement site = json.RootElement.GetProperty("metrics").EnumerateArray()
            .First(m => m.GetProperty("metric").GetString()!.EndsWith("@ PayloadValidator.cs:13", StringComparison.Ordinal));
        Assert.Equal("Slower", site.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Changes_finds_the_step_commit_fails_the_gate_and_stops_after_it_is_acknowledged()
    {
        string runs = Directory.CreateDirectory(Path.Combine(directory, "runs")).FullName;
        var random = new Random(40);
        var t0 = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < 80; i++)
        {
            double level = i >= 50 ? 1.3 : 1.0;
            var samples = HodgesLehmannTests.Samples(random, 5, 1e6 * level * Math.Exp(0.02 * HodgesLehmannTests.Gaussian(random)), 0.01);
            string commit = $"commit{i:D3}";
            await File.WriteAllTextAsync(Path.Combine(runs, $"{i:D3}.json"),
                $$"""{"schema":"vypr.samples/1","machine":"m","commit":"{{commit}}","startedAt":"{{t0.AddHours(i):O}}","metrics":[{"name":"parse","samples":[{{string.Join(",", samples.Select(s => s.ToString("R", CultureInfo.InvariantCulture)))}}]}]}""", TestContext.Current.CancellationToken);
        }

        var (code, output, error) = await VyprProcess.RunAsync(directory, s_timeout, "changes", runs, "--fail-on-regression");
        Assert.True(code == 1, error + output);
        Assert.Contains("| 🔴 Regression | parse | `commit050` | +", output, StringComparison.Ordinal);
        var html = await VyprProcess.RunAsync(directory, s_timeout, "changes", runs, "--format", "html");
        Assert.Contains("<polyline", html.Output, StringComparison.Ordinal);
        Assert.Contains("<title>commit050: +", html.Output, StringComparison.Ordinal);

        var ack = await VyprProcess.RunAsync(directory, s_timeout, "changes", runs, "--acknowledge", "commit050", "--reason", "new validation");
        Assert.True(ack.ExitCode == 0, ack.Error);
        Assert.Contains("commit050", await File.ReadAllTextAsync(Path.Combine(directory, "vypr-baselines.json"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var after = await VyprProcess.RunAsync(directory, s_timeout, "changes", runs, "--fail-on-regression");
        Assert.Equal(0, after.ExitCode);
        Assert.Contains("**0 regressions**", after.Output, StringComparison.Ordinal);

        Assert.Equal(2, (await VyprProcess.RunAsync(directory, s_timeout, "changes", runs, "--acknowledge", "commit010")).ExitCode);
    }

    [Fact]
    public async Task Changes_analyses_each_branch_apart_and_acknowledges_on_the_branch_named()
    {
        string runs = Directory.CreateDirectory(Path.Combine(directory, "branches")).FullName;
        var random = new Random(41);
        var t0 = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < 60; i++)
        {
            foreach ((string branch, double level) in new[] { ("main", 1.0), ("feature", i >= 35 ? 1.3 : 1.0) })
            {
                var samples = HodgesLehmannTests.Samples(random, 5, 1e6 * level * Math.Exp(0.02 * HodgesLehmannTests.Gaussian(random)), 0.01);
                await File.WriteAllTextAsync(Path.Combine(runs, $"{branch}-{i:D3}.json"),
                    $$"""{"schema":"vypr.samples/1","machine":"m","commit":"{{branch}}{{i:D3}}","branch":"{{branch}}","startedAt":"{{t0.AddHours(i):O}}","metrics":[{"name":"parse","samples":[{{string.Join(",", samples.Select(s => s.ToString("R", CultureInfo.InvariantCulture)))}}]}]}""", TestContext.Current.CancellationToken);
            }
        }

        var (code, output, error) = await VyprProcess.RunAsync(directory, s_timeout, "changes", runs, "--fail-on-regression");
        Assert.True(code == 1, error + output);
        Assert.Contains("| 🔴 Regression | feature | parse | `feature035` |", output, StringComparison.Ordinal);
        Assert.Equal(0, (await VyprProcess.RunAsync(directory, s_timeout, "changes", runs, "--branch", "main", "--fail-on-regression")).ExitCode);

        var ambiguous = await VyprProcess.RunAsync(directory, s_timeout, "changes", runs, "--acknowledge", "feature035");
        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("feature, main", ambiguous.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await VyprProcess.RunAsync(directory, s_timeout, "changes", runs, "--branch", "nope")).ExitCode);

        var ack = await VyprProcess.RunAsync(directory, s_timeout, "changes", runs, "--branch", "feature", "--acknowledge", "feature035");
        Assert.True(ack.ExitCode == 0, ack.Error);
        using (JsonDocument file = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "vypr-baselines.json"), TestContext.Current.CancellationToken)))
        {
            Assert.Equal("feature035", file.RootElement.GetProperty("branches").GetProperty("feature").GetProperty("parse").GetProperty("commit").GetString());
            Assert.Empty(file.RootElement.GetProperty("metrics").EnumerateObject());
        }

        Assert.Equal(0, (await VyprProcess.RunAsync(directory, s_timeout, "changes", runs, "--fail-on-regression")).ExitCode);
    }

    [Fact]
    public async Task Suggest_prints_attributes_ready_to_paste_and_explain_names_the_call_site()
    {
        string good = Results("good.json", Documents.Uploader(40, 0, 60));
        var (code, output, error) = await VyprProcess.RunAsync(directory, s_timeout, "suggest", good);
        Assert.True(code == 0, error);
        Assert.StartsWith("```csharp\n[MaxDuration(\"", output, StringComparison.Ordinal);
        Assert.Contains("p99", output, StringComparison.Ordinal);

        string bad = Results("bad.json", Documents.Uploader(50, 48, 120));
        var explained = await VyprProcess.RunAsync(directory, s_timeout, "explain", bad);
        Assert.True(explained.ExitCode == 0, explained.Error);
        Assert.Contains("calls from PayloadValidator.cs:13 violate in 96% of cases (48/50), others in 0% (0/120)", explained.Output, StringComparison.Ordinal);
    }

    private string Samples(string name, double factor, string machine)
    {
        var random = new Random(name.Length * 7919 + (int)(factor * 100));
        string Values(double median) => string.Join(",", HodgesLehmannTests.Samples(random, 30, median, 0.03).Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, $$"""{"schema":"vypr.samples/1","machine":"{{machine}}","metrics":[{"name":"parse","unit":"ns","samples":[{{Values(1e6 * factor)}}]},{"name":"hash","unit":"ns","samples":[{{Values(2e4)}},"NaN"]}]}""");
        return path;
    }

    private string Results(string name, RunDocument document)
    {
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, JsonSerializer.Serialize(document, VyprJsonContext.Default.RunDocument));
        return path;
    }
}
