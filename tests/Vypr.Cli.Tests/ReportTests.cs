using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Vypr.Cli.Storage;
using Vypr.Server.Storage;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Cli.Tests;

/// <summary>
/// <c>vypr report</c> as a process over a real SQLite store that the tool's own destination filled (as <c>vypr run</c>
/// fills it): the three formats, the newest run, and what it says when the run, the store or the option is wrong.
/// </summary>
public sealed class ReportTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);
    private readonly string _directory = Directory.CreateTempSubdirectory("vypr-cli-report-").FullName;

    [Fact]
    public async Task Text_shows_the_violation_first_with_its_call_site_test_and_how_far_over()
    {
        (Guid runId, _) = await StoreAsync();

        (int exit, string output, string error) = await Vypr("report", runId.ToString());

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.StartsWith($"Run {runId:D} of Sample.Tests (project sample): FAILED: 1 violation, 1 failed test", output, StringComparison.Ordinal);
        Assert.Contains("commit 0123456789abcdef0123456789abcdef01234567 (dirty working tree), branch main", output, StringComparison.Ordinal);
        Assert.Contains("  CI job https://gitlab.example/team/product/-/jobs/77 (gitlab-ci)", output, StringComparison.Ordinal);
        Assert.Contains("Sample.Work.Step(int) at /src/Sample.Tests/WorkTests.cs(12,5) in Sample.Tests.WorkTests.Slow: took 300ms, bound 200ms (1.5x the bound)", output, StringComparison.Ordinal);
        Assert.Contains("  Sample.Work.Step(int): 3, 1, 0, 300ms, 136.7ms; MaxDuration(\"200ms\")", output, StringComparison.Ordinal);
        Assert.Contains("  Sample.Work.Step(int): 4, 0, 0, 4ms, 2.5ms; Forall(c = Calls(Inner)).Check(c.Duration() <= 1ms)", output, StringComparison.Ordinal);
        Assert.True(output.IndexOf("Violations (1):", StringComparison.Ordinal) < output.IndexOf("Methods", StringComparison.Ordinal), output);
        Assert.Contains("Failed tests:\n  Sample.Tests.WorkTests.Slow", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Slowest tests (of 2; wall, cpu, allocated, gc 0/1/2, peak memory, outcome, test):", output, StringComparison.Ordinal);

        // Every measurement of each test; the counters of the test that shared the process are marked.
        Assert.Contains("  450ms  380ms*  3 GiB*  4/2/1*  200 MiB  Failed  Sample.Tests.WorkTests.Slow", output, StringComparison.Ordinal);
        Assert.Contains("  120ms  90ms  1.5 KiB  0/0/0  100 MiB  Passed  Sample.Tests.WorkTests.Fast", output, StringComparison.Ordinal);
        Assert.Contains("* shared: other tests ran at the same time", output, StringComparison.Ordinal);
        Assert.True(output.IndexOf("WorkTests.Slow", output.IndexOf("Slowest", StringComparison.Ordinal), StringComparison.Ordinal)
            < output.IndexOf("WorkTests.Fast", output.IndexOf("Slowest", StringComparison.Ordinal), StringComparison.Ordinal), output);
    }

    [Fact]
    public async Task Markdown_and_JSON_hold_the_same_run_and_latest_is_the_newest_stored()
    {
        await StoreAsync();
        (Guid newest, _) = await StoreAsync();
        string markdownFile = Path.Combine(_directory, "run.md");

        (int exit, string output, string error) = await Vypr("report", "latest", "--format", "markdown", "--output", markdownFile);
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        string markdown = await File.ReadAllTextAsync(markdownFile, TestContext.Current.CancellationToken);
        Assert.StartsWith($"## Vypr run `{newest:D}`: FAILED: 1 violation, 1 failed test", markdown, StringComparison.Ordinal);
        Assert.Contains("| Sample.Work.Step(int) | MaxDuration(\"200ms\") | /src/Sample.Tests/WorkTests.cs(12,5) | Sample.Tests.WorkTests.Slow | 300ms | 200ms |", markdown, StringComparison.Ordinal);
        Assert.Contains("| test | outcome | wall time | cpu | allocated | gc 0/1/2 | peak memory |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Sample.Tests.WorkTests.Slow | Failed | 450ms | 380ms* | 3 GiB* | 4/2/1* | 200 MiB |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Sample.Tests.WorkTests.Fast | Passed | 120ms | 90ms | 1.5 KiB | 0/0/0 | 100 MiB |", markdown, StringComparison.Ordinal);

        (exit, output, error) = await Vypr("report", "--format", "json");
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal(newest, root.GetProperty("run").GetProperty("runId").GetGuid());
        Assert.Equal("sample", root.GetProperty("run").GetProperty("project").GetString());
        Assert.True(root.GetProperty("run").GetProperty("dirty").GetBoolean());
        Assert.Equal("gitlab-ci", root.GetProperty("run").GetProperty("ciProvider").GetString());
        Assert.Equal("https://gitlab.example/team/product/-/jobs/77", root.GetProperty("run").GetProperty("ciJobUrl").GetString());
        Assert.Equal(1, root.GetProperty("violationCount").GetInt64());
        Assert.True(root.GetProperty("failed").GetBoolean());
        Assert.Equal(2, root.GetProperty("tests").GetArrayLength());
        JsonElement slow = root.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Sample.Tests.WorkTests.Slow").GetProperty("measurements");
        Assert.Equal(
            "{\"wallNanoseconds\":450000000,\"cpuNanoseconds\":380000000,\"allocatedBytes\":3221225472,\"gen0Collections\":4,\"gen1Collections\":2,\"gen2Collections\":1,\"peakWorkingSetBytes\":209715200,\"exclusive\":false}",
            JsonSerializer.Serialize(slow));
        JsonElement violation = Assert.Single(root.GetProperty("violations").EnumerateArray().ToArray());
        Assert.Equal(300_000_000, violation.GetProperty("durationNanoseconds").GetInt64());
        Assert.Equal(12, violation.GetProperty("line").GetInt64());
        Assert.Equal("MaxDuration(\"200ms\")", violation.GetProperty("specification").GetString());
    }

    [Fact]
    public async Task Wrong_runs_options_and_stores_are_named_with_their_exit_codes()
    {
        (int exit, _, string error) = await Vypr("report", "latest");
        Assert.Equal(3, exit);
        Assert.Contains($"there is no store at {Path.Combine(_directory, ".vypr", "verdicts.db")}", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory, ".vypr")), "a report never creates a store");

        await StoreAsync();
        var missing = Guid.NewGuid();
        (exit, _, error) = await Vypr("report", missing.ToString());
        Assert.Equal(3, exit);
        Assert.Contains($"holds no run {missing:D}", error, StringComparison.Ordinal);

        (exit, _, error) = await Vypr("report", "yesterday");
        Assert.Equal(2, exit);
        Assert.Contains("'yesterday' is not a run ID", error, StringComparison.Ordinal);

        (exit, _, error) = await Vypr("report", "--format", "html");
        Assert.Equal(2, exit);

        (exit, _, error) = await Vypr("report", "--server", "http://127.0.0.1:1", "--db", "x.db");
        Assert.Equal(2, exit);
        Assert.Contains("at most one of --server, --db and --postgres", error, StringComparison.Ordinal);

        // Nothing listens on port 1 of loopback: the server cannot be reached.
        (exit, _, error) = await Vypr("report", "--server", "http://127.0.0.1:1");
        Assert.Equal(3, exit);
        Assert.Contains("the verdict server http://127.0.0.1:1 cannot be reached", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<(Guid RunId, string File)> StoreAsync()
    {
        (Guid runId, string file) = SampleRun.Write(Path.Combine(_directory, "results"));
        string store = LocalStore.In(_directory);
        Directory.CreateDirectory(Path.GetDirectoryName(store)!);
        var destination = new StoreDestination(StoreLocation.Sqlite(store), "sample");
        Assert.Equal(3, await destination.StoreAsync([file], TestContext.Current.CancellationToken));
        Assert.Equal(0, await destination.StoreAsync([file], TestContext.Current.CancellationToken));
        return (runId, file);
    }

    private Task<(int ExitCode, string Output, string Error)> Vypr(params string[] args) => VyprProcess.RunAsync(_directory, s_timeout, args);
}
