using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Vypr.Load.Tests.Support;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Load.Tests.Cli;

/// <summary>The real <c>vypr load</c> process: exit codes, threshold messages, results files, plan errors and Ctrl+C.</summary>
public sealed class LoadCommandTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_run_whose_thresholds_all_pass_exits_0_and_writes_results_and_report()
    {
        await using DelayServer server = await DelayServer.StartAsync(TimeSpan.FromMilliseconds(50));
        string directory = Paths.NewDirectory();
        string plan = Plans.Write(directory, $"""
            duration: 1s
            tests:
              - name: fast
                type: Vypr.Load.TestLibrary.HttpGetTest
                rate: 20
                arguments:
                  url: {server.BaseUrl}/delay
                thresholds:
                  - min >= 48ms
                  - p99 < 30s
                  - errors < 1%
                  - mean(bytes) >= 1000
            """);

        (int code, string output, string error) = await VyprProcess.RunAsync(directory, s_timeout, "load", "-c", plan);

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        Assert.Contains("threshold passed: fast: min >= 48ms", output, StringComparison.Ordinal);

        // Output redirected (as in CI): progress is plain lines, never a line rewritten with control characters.
        Assert.Matches(@"(?m)^\[\d+\.\ds\] fast: \d+/s, started \d+, errors 0, dropped 0, in flight \d+, p99 ", output);
        Assert.DoesNotContain('\r', output);
        Assert.DoesNotContain('\u001b', output);
        using JsonDocument results = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "vypr-load-results.json")));
        JsonElement test = results.RootElement.GetProperty("tests")[0];
        Assert.Equal("vypr-load/1", results.RootElement.GetProperty("format").GetString());
        Assert.Equal(20, test.GetProperty("started").GetInt64());
        Assert.Equal(20, test.GetProperty("succeeded").GetInt64());
        Assert.Equal(20, server.Requests);
        Assert.True(test.GetProperty("latency").GetProperty("min").GetDouble() >= 48);
        Assert.Contains("| `p99 < 30s` | passed |", File.ReadAllText(Path.Combine(directory, "vypr-load-report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_threshold_exits_1_and_names_the_test_and_the_threshold()
    {
        await using DelayServer server = await DelayServer.StartAsync(TimeSpan.FromMilliseconds(50));
        string directory = Paths.NewDirectory();
        string plan = Plans.Write(directory, $"""
            duration: 1s
            tests:
              - name: fast
                type: Vypr.Load.TestLibrary.HttpGetTest
                rate: 10
                arguments:
                  url: {server.BaseUrl}/delay
                thresholds:
                  - p50 < 10ms
                  - errors < 1%
              - name: broken
                type: Vypr.Load.TestLibrary.HttpGetTest
                rate: 10
                arguments:
                  url: {server.BaseUrl}/fail
                thresholds:
                  - errors < 1%
            """);
        string resultsPath = Path.Combine(directory, "out", "results.json");
        Directory.CreateDirectory(Path.GetDirectoryName(resultsPath)!);

        (int code, string output, string error) = await VyprProcess.RunAsync(directory, s_timeout, "load", "-c", plan, "-o", resultsPath, "-r", Path.Combine(directory, "out", "report.md"));

        Assert.True(code == 1, $"exit {code}\n{output}\n{error}");
        Assert.Contains("THRESHOLD FAILED: fast: p50 < 10ms (was ", output, StringComparison.Ordinal);
        Assert.Contains("threshold passed: fast: errors < 1% (was 0%)", output, StringComparison.Ordinal);
        Assert.Contains("THRESHOLD FAILED: broken: errors < 1% (was 100%)", output, StringComparison.Ordinal);
        using JsonDocument results = JsonDocument.Parse(File.ReadAllText(resultsPath));
        JsonElement broken = results.RootElement.GetProperty("tests")[1];
        JsonElement errors = broken.GetProperty("errors")[0];
        Assert.Equal("System.Net.Http.HttpRequestException", errors.GetProperty("type").GetString());
        Assert.Equal(10, errors.GetProperty("count").GetInt64());
        Assert.False(results.RootElement.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task A_plan_error_exits_2_with_file_line_and_column()
    {
        string directory = Paths.NewDirectory();
        string plan = Plans.Write(directory, "duration: 1s\ntests:\n  - type: Vypr.Load.TestLibrary.NoOpTest\n    rate: lots\n");

        (int code, string output, string error) = await VyprProcess.RunAsync(directory, s_timeout, "load", "-c", plan);

        Assert.True(code == 2, $"exit {code}\n{output}\n{error}");
        Assert.Contains($"{plan}(5,11): error: 'rate' is 'lots': expected a number of fires per second", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory, "vypr-load-results.json")));
    }

    [Fact]
    public async Task A_missing_plan_file_and_a_failing_startup_exit_3()
    {
        string directory = Paths.NewDirectory();
        string plan = Plans.Write(directory, "duration: 1s\ntests:\n  - type: Vypr.Load.TestLibrary.BrokenStartupTest\n    rate: 10\n");

        (int missingCode, _, string missingError) = await VyprProcess.RunAsync(directory, s_timeout, "load", "-c", Path.Combine(directory, "nope.yml"));
        (int startupCode, _, string startupError) = await VyprProcess.RunAsync(directory, s_timeout, "load", "-c", plan);

        Assert.Equal(3, missingCode);
        Assert.Contains("cannot read the plan", missingError, StringComparison.Ordinal);
        Assert.True(startupCode == 3, $"exit {startupCode}\n{startupError}");
        Assert.Contains("Startup of test 'BrokenStartupTest' (Vypr.Load.TestLibrary.BrokenStartupTest) threw System.InvalidOperationException: the service under test is not reachable", startupError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_duration_on_the_command_line_exits_2()
    {
        string directory = Paths.NewDirectory();
        string plan = Plans.Write(directory, "tests:\n  - type: Vypr.Load.TestLibrary.NoOpTest\n    rate: 1\n");

        (int code, _, string error) = await VyprProcess.RunAsync(directory, s_timeout, "load", "-c", plan, "-d", "5 minutes");

        Assert.Equal(2, code);
        Assert.Contains("-d '5 minutes' is not a duration", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_C_stops_firing_finishes_in_flight_instances_runs_teardown_and_shutdown_reports_and_exits_130()
    {
        string directory = Paths.NewDirectory();
        string log = Path.Combine(directory, "lifecycle.log");
        string plan = Plans.Write(directory, $"""
            duration: 5m
            tests:
              - name: slow
                type: Vypr.Load.TestLibrary.LifecycleLogTest
                rate: 50
                arguments:
                  log: {log}
                  delay: 300ms
            """);
        using VyprProcess process = VyprProcess.Start(directory, "load", "-c", plan, "--progress-interval", "200ms");
        await process.WaitForOutputAsync("slow: ", s_timeout);

        process.Interrupt();
        int code = await process.WaitForExitAsync(s_timeout);

        Assert.True(code == 130, $"exit {code}\n{process.Output}\n{process.Error}");
        Assert.Contains("stopping: no more fires", process.Error, StringComparison.Ordinal);
        string[] lines = File.ReadAllLines(log);
        Assert.Equal("startup", lines[0]);
        using JsonDocument results = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "vypr-load-results.json")));
        Assert.True(results.RootElement.GetProperty("interrupted").GetBoolean());
        Assert.True(results.RootElement.GetProperty("durationSeconds").GetDouble() < 300);
        long started = results.RootElement.GetProperty("tests")[0].GetProperty("started").GetInt64();
        Assert.True(started > 0);
        Assert.Equal(started, results.RootElement.GetProperty("tests")[0].GetProperty("succeeded").GetInt64());
        Assert.Equal($"shutdown setups={started} runs={started} teardowns={started}", lines[1]);
    }

    [Fact]
    public async Task A_second_Ctrl_C_stops_at_once_without_waiting_for_instances_in_flight()
    {
        string directory = Paths.NewDirectory();
        string log = Path.Combine(directory, "lifecycle.log");
        string plan = Plans.Write(directory, $"""
            duration: 5m
            tests:
              - name: stuck
                type: Vypr.Load.TestLibrary.LifecycleLogTest
                rate: 20
                arguments:
                  log: {log}
                  delay: 10m
            """);
        using VyprProcess process = VyprProcess.Start(directory, "load", "-c", plan, "--progress-interval", "200ms");
        await process.WaitForOutputAsync("stuck: ", s_timeout);

        process.Interrupt();
        await process.WaitForErrorAsync("stopping: no more fires", s_timeout);
        process.Interrupt();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        int code = await process.WaitForExitAsync(s_timeout);

        Assert.Equal(130, code);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed} after the second Ctrl+C");
        Assert.Contains("stopping at once", process.Error, StringComparison.Ordinal);
        string[] lines = File.ReadAllLines(log);
        Assert.Equal("startup", lines[0]);
        Assert.StartsWith("shutdown setups=", lines.Last(), StringComparison.Ordinal);
        Assert.EndsWith("teardowns=0", lines.Last(), StringComparison.Ordinal);
    }
}
