using System;
using System.Collections.Generic;
using System.Threading;
using HdrHistogram;
using Vypr.Contracts;

namespace Vypr.Load.Statistics;

/// <summary>
/// A distribution recorded from many threads at once without locks (HdrHistogram's concurrent histogram), as
/// integers of <see cref="_unitsPerCount"/>: clock ticks for times, thousandths for custom metrics.
/// </summary>
internal sealed class DistributionRecorder
{
    private readonly LongConcurrentHistogram _histogram;
    private readonly double _unitsPerCount;
    private readonly string _unit;
    private readonly long _highest;
    private long _invalid;

    private DistributionRecorder(long highest, double unitsPerCount, string unit)
    {
        _highest = highest;
        _histogram = new LongConcurrentHistogram(1, highest, 3);
        _unitsPerCount = unitsPerCount;
        _unit = unit;
    }

    /// <summary>A recorder of clock ticks, summarised in milliseconds; values above an hour are kept as an hour.</summary>
    /// <param name="frequency">Clock ticks per second.</param>
    /// <returns>The recorder.</returns>
    public static DistributionRecorder ForTicks(long frequency) => new(Math.Max(2, frequency * 3600), 1000.0 / frequency, "ms");

    /// <summary>A recorder of a custom metric's values, in thousandths; values above 10^12 are kept as 10^12.</summary>
    /// <returns>The recorder.</returns>
    public static DistributionRecorder ForMetric() => new(1_000_000_000_000_000, 0.001, "");

    /// <summary>How many values were recorded.</summary>
    public long Count => _histogram.TotalCount;

    /// <summary>Records a time in ticks (a negative difference, from a clock read on another core, counts as 0).</summary>
    /// <param name="ticks">The time.</param>
    public void RecordTicks(long ticks) => _histogram.RecordValue(Math.Clamp(ticks, 0, _highest));

    /// <summary>Records a metric value; NaN, infinities and negatives are counted as invalid instead.</summary>
    /// <param name="value">The value.</param>
    public void RecordValue(double value)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            Interlocked.Increment(ref _invalid);
            return;
        }

        double scaled = Math.Round(value / _unitsPerCount);
        _histogram.RecordValue(scaled >= _highest ? _highest : (long)scaled);
    }

    /// <summary>The statistics so far (safe while other threads record: it summarises a copy).</summary>
    /// <returns>The summary.</returns>
    public LoadDistribution Summarize()
    {
        HistogramBase copy = _histogram.Copy();
        long invalid = Interlocked.Read(ref _invalid);
        if (copy.TotalCount == 0)
        {
            return new LoadDistribution(_unit, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, invalid);
        }

        double Scale(long value) => value * _unitsPerCount;
        return new LoadDistribution(
            _unit,
            copy.TotalCount,
            Scale(copy.LowestEquivalentValue(copy.GetValueAtPercentile(0))),
            copy.GetMean() * _unitsPerCount,
            Scale(copy.GetValueAtPercentile(50)),
            Scale(copy.GetValueAtPercentile(75)),
            Scale(copy.GetValueAtPercentile(90)),
            Scale(copy.GetValueAtPercentile(95)),
            Scale(copy.GetValueAtPercentile(99)),
            Scale(copy.GetValueAtPercentile(99.9)),
            Scale(copy.GetMaxValue()),
            invalid);
    }

    /// <summary>A copy of the histogram so far, in recorded units (safe while other threads record).</summary>
    /// <returns>The copy.</returns>
    public HistogramBase Snapshot() => _histogram.Copy();

    /// <summary>The values at several percentiles, in the summary's unit; empty when nothing was recorded.</summary>
    /// <param name="percentiles">The percentiles, 0 to 100.</param>
    /// <returns>Each percentile with its value.</returns>
    public IReadOnlyList<Reporting.PercentilePoint> Percentiles(IEnumerable<double> percentiles)
    {
        HistogramBase copy = _histogram.Copy();
        var points = new List<Reporting.PercentilePoint>();
        if (copy.TotalCount > 0)
        {
            foreach (double percentile in percentiles)
            {
                points.Add(new Reporting.PercentilePoint(percentile, copy.GetValueAtPercentile(percentile) * _unitsPerCount));
            }
        }

        return points;
    }

    /// <summary>The value at a percentile so far, in the summary's unit (NaN when nothing was recorded).</summary>
    /// <param name="percentile">The percentile, 0 to 100.</param>
    /// <returns>The value.</returns>
    public double ValueAtPercentile(double percentile)
    {
        HistogramBase copy = _histogram.Copy();
        return copy.TotalCount == 0 ? double.NaN : copy.GetValueAtPercentile(percentile) * _unitsPerCount;
    }
}
