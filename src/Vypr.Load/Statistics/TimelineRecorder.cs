using System;
using System.Collections.Generic;
using HdrHistogram;
using Vypr.Load.Reporting;

namespace Vypr.Load.Statistics;

/// <summary>
/// A test entry's course over the run: at every sample (the runner's progress interval) the rates, failures and
/// latency percentiles of the instances that completed since the previous sample. Latency goes to an HdrHistogram
/// <see cref="Recorder"/>, which swaps its histogram at each sample without stopping writers; counts are the
/// differences of the entry's counters. Sampling is done by one thread (the runner's).
/// </summary>
internal sealed class TimelineRecorder
{
    private readonly Recorder _latency;
    private readonly long _highest;
    private readonly double _msPerTick;
    private readonly List<TimelinePoint> _points = [];
    private HistogramBase? _spare;
    private double _lastSeconds;
    private long _lastStarted;
    private long _lastIntended;
    private long _lastFailed;
    private long _lastDropped;

    public TimelineRecorder(long frequency)
    {
        _highest = Math.Max(2, frequency * 3600);
        _msPerTick = 1000.0 / frequency;
        _latency = new Recorder(1, _highest, 3, static (id, lowest, highest, digits) => new LongConcurrentHistogram(id, lowest, highest, digits));
    }

    /// <summary>Records a completed instance's latency, in clock ticks.</summary>
    /// <param name="ticks">The latency.</param>
    public void RecordTicks(long ticks) => _latency.RecordValue(Math.Clamp(ticks, 1, _highest));

    /// <summary>Closes the interval ending <paramref name="seconds"/> after the origin, given the entry's counters then.</summary>
    public void Sample(double seconds, long started, long intended, long failed, long dropped)
    {
        double length = seconds - _lastSeconds;
        if (length <= 0)
        {
            return;
        }

        HistogramBase interval = _latency.GetIntervalHistogram(_spare);
        double Ms(double percentile) => interval.TotalCount == 0 ? double.NaN : interval.GetValueAtPercentile(percentile) * _msPerTick;
        _points.Add(new TimelinePoint(
            seconds,
            (intended - _lastIntended) / length,
            (started - _lastStarted) / length,
            interval.TotalCount,
            failed - _lastFailed,
            dropped - _lastDropped,
            Ms(50),
            Ms(90),
            Ms(99),
            interval.TotalCount == 0 ? double.NaN : interval.GetMaxValue() * _msPerTick));
        _spare = interval;
        (_lastSeconds, _lastStarted, _lastIntended, _lastFailed, _lastDropped) = (seconds, started, intended, failed, dropped);
    }

    /// <summary>The samples so far, oldest first.</summary>
    public IReadOnlyList<TimelinePoint> Points => _points.ToArray();
}
