using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Load.Configuration;
using Vypr.Load.Reporting;
using Vypr.Load.Scheduling;
using Vypr.Contracts;
using Vypr.Runtime;

namespace Vypr.Load.Running;

/// <summary>
/// Runs a plan: constructs every entry's test, runs its startup, fires instances for the duration (open-model
/// entries from one <see cref="FireScheduler"/> thread, closed-model entries from their workers), waits for the
/// instances in flight, runs shutdown, and returns the results with every threshold checked. Each entry's instances
/// run inside a Vypr <see cref="TestScope"/> named <c>load:&lt;entry&gt;</c>, so monitored methods they call are
/// attributed to the load test.
/// </summary>
public sealed class LoadRunner
{
    private readonly LoadPlan _plan;
    private readonly LoadRunOptions _options;

    /// <summary>Creates a runner.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="options">How to run it.</param>
    public LoadRunner(LoadPlan plan, LoadRunOptions? options = null)
    {
        _plan = plan ?? throw new ArgumentNullException(nameof(plan));
        _options = options ?? new LoadRunOptions();
    }

    /// <summary>Runs the plan.</summary>
    /// <param name="stop">A graceful stop (the first Ctrl+C): no more fires; instances in flight finish, teardown and shutdown run, results are returned.</param>
    /// <param name="abort">Stops at once: waiting for instances in flight ends, and their cancellation token is cancelled.</param>
    /// <returns>The results.</returns>
    /// <exception cref="LoadPlanException">The plan names something that cannot be loaded or constructed.</exception>
    /// <exception cref="LoadRunException">A test's constructor or startup failed.</exception>
    public async Task<LoadRunResult> RunAsync(CancellationToken stop, CancellationToken abort)
    {
        TimeSpan duration = _options.Duration ?? _plan.Duration
            ?? (_plan.Tests.Max(t => t.Profile?.StagesDuration ?? TimeSpan.Zero) is { } stages && stages > TimeSpan.Zero
                ? stages
                : throw new LoadPlanException(_plan.File, new SourcePosition(1, 1), "no duration: give 'duration' in the plan (such as 'duration: 30s') or -d on the command line."));
        LoadClock clock = _options.Clock ?? new SystemLoadClock(_plan.SpinWindow);

        // Every entry is constructed before any scope begins, so a plan error leaves no test scope open.
        var tests = _plan.Tests.Select(entry => (Entry: entry, Test: TestFactory.Create(_plan, entry))).ToArray();
        var runs = new List<(TestRun Run, TestScope Scope)>();
        foreach ((LoadTestPlan entry, LoadTest test) in tests)
        {
            var run = new TestRun(entry, test, clock, abort);
            (TestScope scope, ExecutionContext context) = await BeginScopeAsync(entry.Name).ConfigureAwait(false);
            run.Context = context;
            run.Scope = scope;
            runs.Add((run, scope));
        }

        var started = new List<(TestRun Run, TestScope Scope)>();
        try
        {
            foreach ((TestRun run, TestScope scope) in runs)
            {
                try
                {
                    await InContext(run.Context!, () => run.Test.StartupAsync(abort).AsTask()).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    throw new LoadRunException($"Startup of test '{run.Plan.Name}' ({run.Plan.TypeName}) threw {e.GetType().FullName}: {e.Message}", e);
                }

                started.Add((run, scope));
            }

            return await FireAsync(runs.Select(r => r.Run).ToArray(), clock, duration, stop, abort).ConfigureAwait(false);
        }
        finally
        {
            foreach ((TestRun run, TestScope scope) in started)
            {
                try
                {
                    await InContext(run.Context!, () => run.Test.ShutdownAsync(abort).AsTask()).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    run.CountError(e, "shutdown: ");
                }
            }

            foreach ((_, TestScope scope) in runs)
            {
                scope.End(stop.IsCancellationRequested ? "Interrupted" : "Completed");
            }
        }
    }

    private async Task<LoadRunResult> FireAsync(TestRun[] runs, LoadClock clock, TimeSpan duration, CancellationToken stop, CancellationToken abort)
    {
        using var stopFiring = CancellationTokenSource.CreateLinkedTokenSource(stop, abort);
        using CancellationTokenRegistration stopping = stop.Register(() => _options.Stopping?.Invoke());
        DateTimeOffset startedAt = DateTimeOffset.UtcNow;
        long origin = clock.GetTimestamp();
        long end = origin + (long)(duration.TotalSeconds * clock.Frequency);

        TestRun[] open = runs.Where(r => r.Plan.Profile is not null).ToArray();
        var firing = new List<Task>();
        if (open.Length > 0)
        {
            var scheduler = new FireScheduler(clock);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                try
                {
                    scheduler.Run(open, origin, end, stopFiring.Token);
                    done.SetResult();
                }
                catch (Exception e)
                {
                    done.SetException(e);
                }
            })
            {
                IsBackground = true,
                Name = "Vypr load scheduler",
                Priority = ThreadPriority.AboveNormal,
            };
            thread.Start();
            firing.Add(done.Task);
        }

        if (runs.Any(r => r.Plan.Concurrency is not null))
        {
            stopFiring.CancelAfter(duration);
            foreach (TestRun run in runs.Where(r => r.Plan.Concurrency is not null))
            {
                firing.Add(InContext(run.Context!, () => run.RunClosedAsync(run.Plan.Concurrency!.Value, stopFiring.Token)));
            }
        }

        Task allFiring = Task.WhenAll(firing);
        while (!allFiring.IsCompleted)
        {
            await Task.WhenAny(allFiring, Task.Delay(_options.ProgressInterval, CancellationToken.None)).ConfigureAwait(false);
            ReportProgress(runs, clock, origin, duration.TotalSeconds);
        }

        await allFiring.ConfigureAwait(false);
        long stoppedAt = Math.Min(clock.GetTimestamp(), end);

        // Instances in flight finish (a graceful stop), unless the run is aborted.
        while (runs.Any(r => r.InFlight > 0) && !abort.IsCancellationRequested)
        {
            await Task.Delay(5, CancellationToken.None).ConfigureAwait(false);
        }

        double elapsed = (stoppedAt - origin) / (double)clock.Frequency;
        ReportProgress(runs, clock, origin, elapsed);
        var verdicts = new List<VerdictInfo>();
        var summaries = new List<CallSiteSummary>();
        if (RuntimeMonitor.IsEnabled)
        {
            foreach (TestRun run in runs)
            {
                IReadOnlyList<VerdictInfo> own = run.Scope!.CollectVerdicts();
                run.MonitoredViolations = own.Count(v => !v.Value);
                verdicts.AddRange(own);
                summaries.AddRange(run.Scope.CollectSummaries());
            }
        }

        var results = runs.Select(run =>
        {
            LoadTestResult result = run.ToResult(elapsed);
            return result with { Thresholds = run.Plan.Thresholds.Select(t => t.Evaluate(result)).ToArray() };
        }).ToArray();
        return new LoadRunResult
        {
            Plan = _plan.File,
            StartedAt = startedAt,
            DurationSeconds = elapsed,
            PlannedSeconds = duration.TotalSeconds,
            Interrupted = stop.IsCancellationRequested || abort.IsCancellationRequested,
            LoadAverage = ReadLoadAverage(),
            Tests = results,
            Verdicts = [.. verdicts.OrderBy(v => v.Sequence)],
            Summaries = summaries,
        };
    }

    private void ReportProgress(TestRun[] runs, LoadClock clock, long origin, double firingSeconds)
    {
        double elapsed = (clock.GetTimestamp() - origin) / (double)clock.Frequency;
        foreach (TestRun run in runs)
        {
            run.SampleTimeline(elapsed, firingSeconds);
        }

        if (_options.Progress is { } progress)
        {
            progress(runs.Select(r => r.Progress()).ToArray(), TimeSpan.FromSeconds((clock.GetTimestamp() - origin) / (double)clock.Frequency));
        }
    }

    // An async method restores its caller's execution context when it returns, so the scope begun here is seen only
    // through the context captured inside it, never by the runner's own flow.
    private static async Task<(TestScope Scope, ExecutionContext Context)> BeginScopeAsync(string name)
    {
        await Task.Yield();
        TestScope scope = TestScope.Begin("load:" + name);
        return (scope, ExecutionContext.Capture()!);
    }

    private static Task InContext(ExecutionContext context, Func<Task> action)
    {
        Task? task = null;
        ExecutionContext.Run(context, _ => task = action(), null);
        return task!;
    }

    private static double? ReadLoadAverage()
    {
        try
        {
            string text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.AsSpan(0, text.IndexOf(' ')), NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
