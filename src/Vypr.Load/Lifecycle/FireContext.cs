using System;
using System.Threading;
using Vypr.Load.Running;

namespace Vypr.Load;

/// <summary>
/// One fired instance of a <see cref="LoadTest"/>: when it was meant to start, the metrics it records, and a place
/// for state its setup hands to its run and teardown.
/// </summary>
public sealed class FireContext : IThreadPoolWorkItem
{
    private readonly TestRun _run;

    internal FireContext(TestRun run, long sequence, long intendedStart)
    {
        _run = run;
        Sequence = sequence;
        IntendedStart = intendedStart;
    }

    /// <summary>The instance's number within its test entry, from 0 in the order of intended starts.</summary>
    public long Sequence { get; }

    /// <summary>
    /// When the schedule meant this instance to start, as a <see cref="System.Diagnostics.Stopwatch"/> timestamp.
    /// Latency is measured from here, not from when it actually started, so a slow system under test cannot hide
    /// its delay by slowing the load down (coordinated omission).
    /// </summary>
    public long IntendedStart { get; }

    /// <summary>State of this instance, set by <see cref="LoadTest.SetupAsync"/> for its run and teardown.</summary>
    public object? State { get; set; }

    /// <summary>Cancelled when the run is stopped at once (a second Ctrl+C); a graceful stop lets instances finish.</summary>
    public CancellationToken CancellationToken => _run.AbortToken;

    /// <summary>
    /// Records a value of a custom metric (for example a response size or a server-reported time). Every metric gets
    /// the same statistics as latency (count, mean, percentiles, max). Values are kept to three significant digits
    /// above 0.001; a negative, NaN or infinite value is not recorded but counted as invalid for its metric.
    /// </summary>
    /// <param name="metric">The metric's name.</param>
    /// <param name="value">The value, in the metric's own unit.</param>
    public void Record(string metric, double value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        _run.RecordMetric(metric, value);
    }

    /// <summary>Records a duration of a custom metric; its statistics are reported in milliseconds.</summary>
    /// <param name="metric">The metric's name.</param>
    /// <param name="duration">The duration.</param>
    public void Record(string metric, TimeSpan duration) => Record(metric, duration.TotalMilliseconds);

    void IThreadPoolWorkItem.Execute() => _run.Start(this);

    internal void StartCore() => _ = _run.ExecuteAsync(this);
}
