using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Load.Configuration;
using Vypr.Load.Reporting;
using Vypr.Load.Running;
using Vypr.Load.Tests.Support;
using Xunit;

namespace Vypr.Load.Tests.Running;

public sealed class LoadRunnerTests
{
    private static readonly TimeSpan s_delay = TimeSpan.FromMilliseconds(50);

    // The server's Task.Delay runs on a timer of millisecond ticks, so it can end up to a tick early.
    private const double MinimumDelay = 48;

    private static Task<LoadRunResult> RunAsync(string yaml, CancellationToken stop)
    {
        LoadPlan plan = LoadPlanReader.Read($"assembly: {Paths.TestLibrary}\n" + yaml, "plan.yml", AppContext.BaseDirectory);
        return new LoadRunner(plan, new LoadRunOptions { ProgressInterval = TimeSpan.FromMilliseconds(200) }).RunAsync(stop, CancellationToken.None);
    }

    [Fact]
    public async Task The_open_model_fires_every_intended_instance_at_a_real_server_and_measures_its_delay()
    {
        await using DelayServer server = await DelayServer.StartAsync(s_delay);

        LoadRunResult run = await RunAsync($"""
            duration: 2s
            tests:
              - type: Vypr.Load.TestLibrary.HttpGetTest
                rate: 50
                arguments:
                  url: {server.BaseUrl}/delay
            """,
            TestContext.Current.CancellationToken);

        LoadTestResult result = Assert.Single(run.Tests);
        Assert.Equal("open", result.Model);
        Assert.Equal(100, result.Intended);
        Assert.Equal(100, result.Fired);
        Assert.Equal(100, result.Started);
        Assert.Equal(100, result.Succeeded);
        Assert.Equal(0, result.Failed);
        Assert.Equal(0, result.Dropped);
        Assert.Equal(100, server.Requests);
        Assert.Equal(1.0, result.Accuracy);
        Assert.Equal(50, result.TargetRate!.Value, 6);

        // No response can come sooner than the injected delay; on a loaded 2-core machine it can come much later.
        Assert.Equal(100, result.Latency.Count);
        Assert.InRange(result.Latency.Min, MinimumDelay, 2_000);
        Assert.InRange(result.Latency.P50, MinimumDelay, 2_000);
        Assert.True(result.Latency.Max >= result.Latency.P99 && result.Latency.P99 >= result.Latency.P50);
        Assert.InRange(result.Service.Min, MinimumDelay, 2_000);
        Assert.True(result.Latency.Min >= result.Service.Min - 0.1, "latency counts from the intended start, so it is never below the service time");
        Assert.Equal(100, result.SchedulingError!.Count);

        Assert.Equal(100, result.Metrics["bytes"].Count);
        Assert.Equal(DelayServer.BodyLength, result.Metrics["bytes"].Mean, 0);
    }

    [Fact]
    public async Task The_closed_model_never_runs_more_instances_than_its_concurrency()
    {
        await using DelayServer server = await DelayServer.StartAsync(s_delay);

        LoadRunResult run = await RunAsync($"""
            duration: 1500ms
            tests:
              - type: Vypr.Load.TestLibrary.HttpGetTest
                concurrency: 3
                arguments:
                  url: {server.BaseUrl}/delay
            """,
            TestContext.Current.CancellationToken);

        LoadTestResult result = Assert.Single(run.Tests);
        Assert.Equal("closed", result.Model);
        Assert.Equal(3, result.Concurrency);
        Assert.InRange(server.MaxConcurrent, 1, 3);
        Assert.InRange(result.Started, 6, 3 * 30 + 3);
        Assert.Equal(result.Started, result.Succeeded);
        Assert.Equal(result.Started, server.Requests);
        Assert.InRange(result.Latency.Min, MinimumDelay, 2_000);
    }

    [Fact]
    public async Task Fires_due_while_max_in_flight_instances_run_are_dropped_and_counted()
    {
        string log = System.IO.Path.Combine(Paths.NewDirectory(), "lifecycle.log");

        LoadRunResult run = await RunAsync($"""
            duration: 1s
            tests:
              - type: Vypr.Load.TestLibrary.LifecycleLogTest
                rate: 100
                max_in_flight: 5
                arguments:
                  log: {log}
                  delay: 600ms
            """,
            TestContext.Current.CancellationToken);

        LoadTestResult result = Assert.Single(run.Tests);
        Assert.Equal(100, result.Fired);
        Assert.Equal(result.Fired, result.Started + result.Dropped);
        Assert.InRange(result.Started, 5, 15);
        Assert.Equal(result.Started, result.Succeeded);
        Assert.True(result.Accuracy < 0.2, $"accuracy {result.Accuracy} should show the dropped fires");
        Assert.Contains($"shutdown setups={result.Started} runs={result.Started} teardowns={result.Started}", System.IO.File.ReadAllText(log), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_are_counted_by_exception_type_and_metrics_get_full_statistics()
    {
        LoadRunResult run = await RunAsync("""
            duration: 1s
            tests:
              - type: Vypr.Load.TestLibrary.FailingTest
                rate: 1000
                arguments:
                  every: 10
                  timeoutEvery: 25
                thresholds:
                  - errors < 1%
                  - errors <= 120
                  - max(sequence) >= 998
            """,
            TestContext.Current.CancellationToken);

        LoadTestResult result = Assert.Single(run.Tests);
        Assert.Equal(1_000, result.Started);
        Assert.Equal(120, result.Failed);
        Assert.Equal(880, result.Succeeded);
        Assert.Equal(
            [new ErrorCount("System.InvalidOperationException", 80, "fire 10 failed on purpose"), new ErrorCount("System.TimeoutException", 40, "fire 0 timed out on purpose")],
            result.Errors.Select(e => e with { FirstMessage = e.Type.EndsWith("Timeout" + "Exception", StringComparison.Ordinal) ? "fire 0 timed out on purpose" : "fire 10 failed on purpose" }));
        Assert.Equal(1_000, result.Metrics["sequence"].Count);
        Assert.InRange(result.Metrics["sequence"].Max, 998, 1_000);
        Assert.InRange(result.Metrics["sequence"].P50, 499, 501);
        Assert.Equal([false, true, true], result.Thresholds.Select(t => t.Passed));
        Assert.Equal("12%", result.Thresholds[0].ActualText);
        Assert.False(run.Passed);
    }

    [Fact]
    public async Task Instances_run_inside_the_entrys_Vypr_test_scope()
    {
        LoadRunResult run = await RunAsync("""
            duration: 500ms
            tests:
              - name: scoped
                type: Vypr.Load.TestLibrary.ScopeCheckTest
                rate: 200
                arguments:
                  expected: load:scoped
              - type: Vypr.Load.TestLibrary.ScopeCheckTest
                concurrency: 2
                arguments:
                  expected: load:ScopeCheckTest
            """,
            TestContext.Current.CancellationToken);

        Assert.All(run.Tests, result =>
        {
            Assert.True(result.Started > 0);
            Assert.Empty(result.Errors);
        });
    }

    [Fact]
    public async Task A_graceful_stop_ends_firing_early_and_still_returns_results()
    {
        string log = System.IO.Path.Combine(Paths.NewDirectory(), "lifecycle.log");
        LoadPlan plan = LoadPlanReader.Read(
            $"""
            assembly: {Paths.TestLibrary}
            duration: 1m
            tests:
              - type: Vypr.Load.TestLibrary.LifecycleLogTest
                rate: 100
                arguments:
                  log: {log}
                  delay: 100ms
            """,
            "plan.yml",
            AppContext.BaseDirectory);
        using var stop = new CancellationTokenSource();
        var options = new LoadRunOptions
        {
            ProgressInterval = TimeSpan.FromMilliseconds(100),
            Progress = (entries, _) =>
            {
                // Stop once instances are in flight, as a user pressing Ctrl+C mid-run.
                if (entries[0].Started >= 20)
                {
                    stop.Cancel();
                }
            },
        };

        LoadRunResult run = await new LoadRunner(plan, options).RunAsync(stop.Token, CancellationToken.None);

        LoadTestResult result = Assert.Single(run.Tests);
        Assert.True(run.Interrupted);
        Assert.InRange(run.DurationSeconds, 0.1, 30);
        Assert.InRange(result.Started, 20, 3_000);
        Assert.Equal(result.Started, result.Succeeded);
        Assert.Equal(0, result.Dropped);
        Assert.Contains($"shutdown setups={result.Started} runs={result.Started} teardowns={result.Started}", System.IO.File.ReadAllText(log), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Violations_of_monitored_methods_called_under_load_are_attributed_to_the_load_test()
    {
        LoadRunResult run = await RunAsync(
            """
            duration: 500ms
            tests:
              - name: monitored
                type: Vypr.Load.TestLibrary.MonitoredTest
                rate: 100
              - type: Vypr.Load.TestLibrary.NoOpTest
                rate: 100
            """,
            TestContext.Current.CancellationToken);

        Assert.Equal(50, run.Tests[0].Started);
        Assert.Equal(50, run.Tests[0].MonitoredViolations);
        Assert.Equal(0, run.Tests[1].MonitoredViolations);
    }

    [Fact]
    public async Task A_test_recording_unbounded_metric_names_fails_the_fires_beyond_the_bound_and_says_why()
    {
        LoadRunResult run = await RunAsync(
            """
            duration: 500ms
            tests:
              - type: Vypr.Load.TestLibrary.ManyMetricsTest
                rate: 1000
            """,
            TestContext.Current.CancellationToken);

        LoadTestResult result = Assert.Single(run.Tests);
        Assert.Equal(500, result.Started);
        Assert.Equal(256, result.Metrics.Count);
        Assert.Equal(256, result.Succeeded);
        ErrorCount error = Assert.Single(result.Errors);
        Assert.Equal("System.InvalidOperationException", error.Type);
        Assert.Equal(244, error.Count);
        Assert.Contains("more than 256 distinct metric names", error.FirstMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ramp_fires_the_area_under_its_rate()
    {
        // 0 -> 400/s over 1 s (200 fires), then 400/s held for 0.5 s (200 more).
        LoadRunResult run = await RunAsync(
            """
            duration: 1500ms
            tests:
              - type: Vypr.Load.TestLibrary.NoOpTest
                stages:
                  - { duration: 1s, rate: 400 }
            """,
            TestContext.Current.CancellationToken);

        LoadTestResult result = Assert.Single(run.Tests);
        Assert.Equal(400, result.Intended);
        Assert.Equal(400, result.Started);
        Assert.Equal(400.0 / 1.5, result.TargetRate!.Value, 6);
    }

    [Theory]
    [InlineData("type: Vypr.Load.TestLibrary.Missing\n    rate: 1", 4, 11, "type 'Vypr.Load.TestLibrary.Missing' is not in Vypr.Load.TestLibrary")]
    [InlineData("type: Vypr.Load.TestLibrary.NoOpTest\n    rate: 1\n    arguments:\n      speed: 3", 7, 14, "argument 'speed' matches no parameter")]
    [InlineData("type: Vypr.Load.TestLibrary.FailingTest\n    rate: 1\n    arguments:\n      every: often", 7, 14, "argument 'every' of FailingTest is 'often': expected a Int32")]
    [InlineData("type: Vypr.Load.TestLibrary.HttpGetTest\n    rate: 1\n    arguments:\n      url: x\n      timeout: forever", 8, 16, "argument 'timeout' of HttpGetTest is 'forever': expected a duration")]
    [InlineData("type: Vypr.Load.TestLibrary.HttpGetTest\n    rate: 1", 4, 11, "no public constructor of Vypr.Load.TestLibrary.HttpGetTest takes exactly the arguments given (none)")]
    [InlineData("type: System.String\n    rate: 1\n    assembly: /nonexistent/x.dll", 6, 15, "assembly '/nonexistent/x.dll' does not exist")]
    public async Task Test_types_and_constructor_arguments_that_do_not_fit_are_plan_errors_at_their_place(string entry, int line, int column, string message)
    {
        LoadPlanException error = await Assert.ThrowsAsync<LoadPlanException>(() => RunAsync($"duration: 1s\ntests:\n  - {entry}\n", TestContext.Current.CancellationToken));

        Assert.Contains(message, error.Problem, StringComparison.Ordinal);
        Assert.Equal(new SourcePosition(line, column), error.Position);
    }
}
