using System;
using Vypr.Load.Reporting;
using Vypr.Load.Statistics;
using Xunit;

namespace Vypr.Load.Tests.Statistics;

public sealed class TimelineRecorderTests
{
    [Fact]
    public void Each_interval_holds_only_the_latencies_and_counts_recorded_since_the_previous_sample()
    {
        const long frequency = 1_000_000; // microsecond ticks
        var latency = DistributionRecorder.ForTicks(frequency);
        var timeline = new TimelineRecorder(frequency);
        for (int ms = 1; ms <= 100; ms++)
        {
            latency.RecordTicks(ms * 1000L);
        }

        timeline.Sample(1, started: 100, intended: 100, failed: 3, dropped: 0, latency.Snapshot());
        for (int i = 0; i < 10; i++)
        {
            latency.RecordTicks(2_000_000);
        }

        timeline.Sample(1.5, started: 110, intended: 150, failed: 3, dropped: 40, latency.Snapshot());
        timeline.Sample(2, started: 110, intended: 150, failed: 3, dropped: 40, latency.Snapshot());
        timeline.Sample(2, started: 110, intended: 150, failed: 3, dropped: 40, latency.Snapshot());

        Assert.Equal(3, timeline.Points.Count);
        TimelinePoint first = timeline.Points[0];
        Assert.Equal((1.0, 100.0, 100.0, 100L, 3L, 0L), (first.Seconds, first.TargetRate, first.AchievedRate, first.Completed, first.Failed, first.Dropped));
        Assert.InRange(first.P50, 50, 50 * 1.001);
        Assert.InRange(first.P99, 99, 99 * 1.001);
        Assert.InRange(first.Max, 100, 100 * 1.001);

        // Only the ten 2-second latencies: the first interval's are not counted again.
        TimelinePoint second = timeline.Points[1];
        Assert.Equal((1.5, 100.0, 20.0, 10L, 0L, 40L), (second.Seconds, second.TargetRate, second.AchievedRate, second.Completed, second.Failed, second.Dropped));
        Assert.InRange(second.P50, 2000, 2000 * 1.001);
        Assert.InRange(second.Max, 2000, 2000 * 1.001);

        // Nothing completed: no latency (NaN, drawn as no line), not zero.
        TimelinePoint third = timeline.Points[2];
        Assert.Equal(0, third.Completed);
        Assert.True(double.IsNaN(third.P50) && double.IsNaN(third.Max));
    }
}
