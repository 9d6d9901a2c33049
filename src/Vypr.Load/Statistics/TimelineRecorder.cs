using System;
using System.Collections.Generic;
using HdrHistogram;
using HdrHistogram.Iteration;
using Vypr.Load.Reporting;

namespace Vypr.Load.Statistics;

/// <summary>
/// A test entry's course over the run: at every sample (the runner's progress interval) the rates, failures and
/// latency percentiles of the instances that completed since the previous sample. The interval's latencies are the
/// difference between two copies of the entry's whole-run histogram, bucket by bucket, so a fire records nothing more
/// than it did (the hot path keeps its four histogram records); the work is done once per sample, by the one thread
/// that samples (the runner's).
/// </summary>
internal sealed class TimelineRecorder(long frequency)
{
    private readonly long _highest = Math.Max(2, frequency * 3600);
    private readonly double _msPerTick = 1000.0 / frequency;
    private readonly List<TimelinePoint> _points = [];
    private HistogramBase? _previous;
    private double _lastSeconds;
    private long _lastStarted;
    private long _lastIntended;
    private long _lastFailed;
    private long _lastDropped;

    /// <summary>Closes the interval ending <paramref name="seconds"/> after the origin, given the entry's counters and latency histogram then.</summary>
    public void Sample(double seconds, long started, long intended, long failed, long dropped, HistogramBase latency)
    {
        double length = seconds - _lastSeconds;
        if (length <= 0)
        {
            return;
        }

        var interval = new LongHistogram(1, _highest, 3);
        foreach (HistogramIterationValue bucket in latency.RecordedValues())
        {
            long count = bucket.CountAtValueIteratedTo - (_previous?.GetCountAtValue(bucket.ValueIteratedTo) ?? 0);
            if (count > 0)
            {
                interval.RecordValueWithCount(bucket.ValueIteratedTo, count);
            }
        }

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
        _previous = latency;
        (_lastSeconds, _lastStarted, _lastIntended, _lastFailed, _lastDropped) = (seconds, started, intended, failed, dropped);
    }

    /// <summary>The samples so far, oldest first.</summary>
    public IReadOnlyList<TimelinePoint> Points => _points.ToArray();
}
