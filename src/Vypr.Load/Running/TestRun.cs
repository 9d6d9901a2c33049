using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Load.Configuration;
using Vypr.Load.Reporting;
using Vypr.Load.Scheduling;
using Vypr.Load.Statistics;

namespace Vypr.Load.Running;

/// <summary>
/// One test entry during a run: its instance, its counters and histograms, and how a fire becomes a running
/// instance. Counters are written with interlocked operations (or by the scheduler thread alone) so progress can be
/// read while instances run.
/// </summary>
internal sealed class TestRun : IFireTarget
{
    // Unique metric names per entry; beyond this a test is recording something unbounded (an ID) as a name.
    private const int MaxMetrics = 256;

    private static readonly ContextCallback s_start = static state => ((FireContext)state!).StartCore();

    private readonly LoadClock _clock;
    private readonly long _lateTicks;
    private readonly ConcurrentDictionary<string, DistributionRecorder> _metrics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ErrorTally> _errors = new(StringComparer.Ordinal);
    private long _fired;
    private long _started;
    private long _succeeded;
    private long _failed;
    private long _dropped;
    private long _late;
    private int _inFlight;
    private long _closedSequence;

    public TestRun(LoadTestPlan plan, LoadTest test, LoadClock clock, CancellationToken abortToken)
    {
        Plan = plan;
        Test = test;
        _clock = clock;
        AbortToken = abortToken;
        _lateTicks = (long)(plan.LateAfter.TotalSeconds * clock.Frequency);
        Latency = DistributionRecorder.ForTicks(clock.Frequency);
        Service = DistributionRecorder.ForTicks(clock.Frequency);
        StartDelay = DistributionRecorder.ForTicks(clock.Frequency);
        SchedulingError = DistributionRecorder.ForTicks(clock.Frequency);
        Timeline = new TimelineRecorder(clock.Frequency);
    }

    // The latency distribution's points in reports: dense where tails live (a percentile plot of HdrHistogram's kind).
    private static readonly double[] s_spectrum =
        [0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 92.5, 95, 96.25, 97.5, 98.125, 98.75, 99, 99.375, 99.5, 99.6875, 99.75, 99.84375, 99.9, 99.95, 99.99, 99.999, 100];

    public LoadTestPlan Plan { get; }

    public LoadTest Test { get; }

    public RateProfile Profile => Plan.Profile ?? throw new InvalidOperationException("A closed-model test has no rate profile.");

    public CancellationToken AbortToken { get; }

    /// <summary>The execution context fired instances run in: it carries the entry's Vypr test scope.</summary>
    public ExecutionContext? Context { get; set; }

    public DistributionRecorder Latency { get; }

    public DistributionRecorder Service { get; }

    public DistributionRecorder StartDelay { get; }

    public DistributionRecorder SchedulingError { get; }

    public TimelineRecorder Timeline { get; }

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MonitoredViolations { get; set; }

    /// <summary>The entry's Vypr test scope (<c>load:&lt;name&gt;</c>), once begun.</summary>
    public Vypr.Runtime.TestScope? Scope { get; set; }

    public void Fire(long sequence, long intendedStart, long firedAt)
    {
        Volatile.Write(ref _fired, _fired + 1);
        SchedulingError.RecordTicks(firedAt - intendedStart);
        if (Interlocked.Increment(ref _inFlight) > Plan.MaxInFlight)
        {
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Increment(ref _dropped);
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(new FireContext(this, sequence, intendedStart), preferLocal: false);
    }

    /// <summary>Runs the closed model: <paramref name="concurrency"/> loops, each starting an instance as soon as its last one ends.</summary>
    public Task RunClosedAsync(int concurrency, CancellationToken stop)
    {
        var workers = new Task[concurrency];
        for (int i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(
                async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        long sequence = Interlocked.Increment(ref _closedSequence) - 1;
                        Interlocked.Increment(ref _fired);
                        Interlocked.Increment(ref _inFlight);

                        // In a closed model an instance is intended when its worker is free: there is no schedule to fall behind.
                        await ExecuteAsync(new FireContext(this, sequence, _clock.GetTimestamp())).ConfigureAwait(false);
                    }
                },
                CancellationToken.None);
        }

        return Task.WhenAll(workers);
    }

    public void Start(FireContext fire)
    {
        if (Context is null)
        {
            fire.StartCore();
        }
        else
        {
            ExecutionContext.Run(Context, s_start, fire);
        }
    }

    public async Task ExecuteAsync(FireContext fire)
    {
        long start = _clock.GetTimestamp();
        long delay = start - fire.IntendedStart;
        StartDelay.RecordTicks(delay);
        if (delay > _lateTicks)
        {
            Interlocked.Increment(ref _late);
        }

        Interlocked.Increment(ref _started);
        Exception? error = null;
        try
        {
            await Test.SetupAsync(fire).ConfigureAwait(false);
            long runStart = _clock.GetTimestamp();
            try
            {
                await Test.RunAsync(fire).ConfigureAwait(false);
            }
            finally
            {
                long end = _clock.GetTimestamp();
                Service.RecordTicks(end - runStart);
                Latency.RecordTicks(end - fire.IntendedStart);
            }
        }
        catch (Exception e)
        {
            error = e;
        }

        try
        {
            await Test.TeardownAsync(fire).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            error ??= e;
        }

        if (error is null)
        {
            Interlocked.Increment(ref _succeeded);
        }
        else
        {
            Interlocked.Increment(ref _failed);
            CountError(error);
        }

        Interlocked.Decrement(ref _inFlight);
    }

    public void CountError(Exception error, string prefix = "")
    {
        string type = prefix + error.GetType().FullName;
        _errors.GetOrAdd(type, static (_, message) => new ErrorTally(message), error.Message).Add();
    }

    public void RecordMetric(string metric, double value)
    {
        if (!_metrics.TryGetValue(metric, out DistributionRecorder? recorder))
        {
            // Only a name's first recording takes the lock, so the bound holds exactly under concurrent fires.
            lock (_metrics)
            {
                if (!_metrics.TryGetValue(metric, out recorder))
                {
                    if (_metrics.Count >= MaxMetrics)
                    {
                        throw new InvalidOperationException($"Test '{Plan.Name}' records more than {MaxMetrics} distinct metric names; '{metric}' was not recorded. Put varying values in the value, not in the name.");
                    }

                    recorder = DistributionRecorder.ForMetric();
                    _metrics[metric] = recorder;
                }
            }
        }

        recorder.RecordValue(value);
    }

    public LoadProgress Progress()
    {
        long succeeded = Interlocked.Read(ref _succeeded);
        long failed = Interlocked.Read(ref _failed);
        return new LoadProgress(Plan.Name, Interlocked.Read(ref _started), succeeded + failed, failed, Interlocked.Read(ref _dropped), InFlight, Latency.ValueAtPercentile(99));
    }

    /// <summary>
    /// Closes a timeline interval at <paramref name="elapsedSeconds"/> (called by the runner's one progress loop); the
    /// schedule intends nothing after <paramref name="firingSeconds"/>, while instances in flight still complete.
    /// </summary>
    public void SampleTimeline(double elapsedSeconds, double firingSeconds)
    {
        long started = Interlocked.Read(ref _started);
        long intended = Plan.Profile is { } profile ? profile.CountBefore(Math.Min(elapsedSeconds, firingSeconds)) : started;
        Timeline.Sample(elapsedSeconds, started, intended, Interlocked.Read(ref _failed), Interlocked.Read(ref _dropped), Latency.Snapshot());
    }

    public LoadTestResult ToResult(double elapsedSeconds)
    {
        long started = Interlocked.Read(ref _started);
        long intended = Plan.Profile is { } profile ? profile.CountBefore(elapsedSeconds) : started;
        return new LoadTestResult
        {
            TestId = Scope?.Id ?? 0,
            Name = Plan.Name,
            Type = Plan.TypeName,
            Model = Plan.Profile is null ? "closed" : "open",
            Concurrency = Plan.Concurrency,
            TargetRate = Plan.Profile is null || elapsedSeconds <= 0 ? null : intended / elapsedSeconds,
            Intended = intended,
            Fired = Interlocked.Read(ref _fired),
            Started = started,
            Succeeded = Interlocked.Read(ref _succeeded),
            Failed = Interlocked.Read(ref _failed),
            Dropped = Interlocked.Read(ref _dropped),
            Late = Interlocked.Read(ref _late),
            AchievedRate = elapsedSeconds > 0 ? started / elapsedSeconds : 0,
            Accuracy = intended > 0 ? (double)started / intended : 1,
            Latency = Latency.Summarize(),
            Service = Service.Summarize(),
            StartDelay = StartDelay.Summarize(),
            SchedulingError = Plan.Profile is null ? null : SchedulingError.Summarize(),
            Errors = _errors.Select(pair => new ErrorCount(pair.Key, pair.Value.Count, pair.Value.FirstMessage))
                .OrderByDescending(error => error.Count).ThenBy(error => error.Type, StringComparer.Ordinal).ToArray(),
            Metrics = new SortedDictionary<string, LoadDistribution>(
                _metrics.ToDictionary(pair => pair.Key, pair => pair.Value.Summarize(), StringComparer.Ordinal), StringComparer.Ordinal),
            MonitoredViolations = MonitoredViolations,
            LatencyPercentiles = Latency.Percentiles(s_spectrum),
            Timeline = Timeline.Points,
        };
    }
}
