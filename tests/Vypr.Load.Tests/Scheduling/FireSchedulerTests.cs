using System;
using System.Collections.Generic;
using System.Threading;
using Vypr.Load.Scheduling;
using Vypr.Load.Tests.Support;
using Xunit;

namespace Vypr.Load.Tests.Scheduling;

public sealed class FireSchedulerTests
{
    private sealed class RecordingTarget(RateProfile profile) : IFireTarget
    {
        public List<(long Sequence, long Intended, long FiredAt)> Fires { get; } = [];

        public RateProfile Profile { get; } = profile;

        public void Fire(long sequence, long intendedStart, long firedAt) => Fires.Add((sequence, intendedStart, firedAt));
    }

    [Theory]
    [InlineData(7_000.0, 1_000_000_000L, 0L, 1)]          // 142857.14... ns apart: "now + interval" in whole ticks drifts 1 ns per 7 fires
    [InlineData(7_000.0, 1_000_000_000L, 5_000_000L, 2)]  // waking up to 5 ms late, as on a loaded machine
    [InlineData(3.0, 10_000_000L, 100_000L, 3)]            // a tick of 100 ns, 1/3 s apart
    [InlineData(50_000.0, 1_000_000_000L, 200_000L, 4)]
    public void Every_intended_start_is_computed_from_the_origin_so_the_schedule_never_drifts(double rate, long frequency, long maxOvershoot, int seed)
    {
        const long origin = 123_456_789;
        var clock = new ControlledClock(frequency, origin, maxOvershoot, seed);
        var target = new RecordingTarget(RateProfile.Constant(rate));
        long end = origin + (frequency * 2);

        long[] counts = new FireScheduler(clock).Run([target], origin, end, CancellationToken.None);

        long expected = (long)Math.Ceiling(rate * 2);
        Assert.Equal(expected, counts[0]);
        Assert.Equal(expected, target.Fires.Count);
        for (int n = 0; n < target.Fires.Count; n++)
        {
            (long sequence, long intended, long firedAt) = target.Fires[n];
            Assert.Equal(n, sequence);
            Assert.Equal(origin + (long)Math.Round(n * (double)frequency / rate), intended);
            Assert.True(firedAt >= intended, $"fire {n} was fired {intended - firedAt} ticks early");
        }

        Assert.True(target.Fires[^1].Intended < end);
        Assert.True(clock.Now >= end, "the scheduler returned before the end of the run");
    }

    [Fact]
    public void Fires_that_became_due_during_a_late_wake_up_are_fired_together_not_skipped()
    {
        // Every wait overshoots by up to 20 intervals: the scheduler must fire the whole backlog at once.
        var clock = new ControlledClock(1_000_000_000, 0, 20_000_000, 7);
        var target = new RecordingTarget(RateProfile.Constant(1_000));

        new FireScheduler(clock).Run([target], 0, 1_000_000_000, CancellationToken.None);

        Assert.Equal(1_000, target.Fires.Count);
        int batched = 0;
        for (int i = 1; i < target.Fires.Count; i++)
        {
            if (target.Fires[i].FiredAt == target.Fires[i - 1].FiredAt)
            {
                batched++;
            }
        }

        Assert.True(batched > 500, $"only {batched} fires shared their batch's wake-up");
    }

    [Fact]
    public void Several_targets_share_one_scheduler_each_at_its_own_rate()
    {
        var clock = new ControlledClock(1_000_000_000, 0, 10_000, 11);
        var slow = new RecordingTarget(RateProfile.Constant(10));
        var fast = new RecordingTarget(RateProfile.Constant(1_000));

        long[] counts = new FireScheduler(clock).Run([slow, fast], 0, 3_000_000_000, CancellationToken.None);

        Assert.Equal([30L, 3_000L], counts);
        Assert.Equal(100_000_000, slow.Fires[1].Intended);
        Assert.Equal(1_000_000, fast.Fires[1].Intended);
    }

    [Fact]
    public void A_stop_request_ends_firing()
    {
        var clock = new ControlledClock(1_000_000_000, 0, 0, 5);
        using var stop = new CancellationTokenSource();
        var target = new StoppingTarget(stop, after: 100);

        long[] counts = new FireScheduler(clock).Run([target], 0, long.MaxValue / 2, stop.Token);

        Assert.Equal(100, counts[0]);
    }

    [Fact]
    public void The_real_clock_never_fires_early_and_achieves_the_rate()
    {
        var clock = new SystemLoadClock(SystemLoadClock.DefaultSpinWindow);
        var target = new RecordingTarget(RateProfile.Constant(2_000));
        long origin = clock.GetTimestamp();

        new FireScheduler(clock).Run([target], origin, origin + (clock.Frequency / 2), CancellationToken.None);

        Assert.Equal(1_000, target.Fires.Count);
        Assert.All(target.Fires, fire => Assert.True(fire.FiredAt >= fire.Intended));
    }

    private sealed class StoppingTarget(CancellationTokenSource stop, int after) : IFireTarget
    {
        private int _fired;

        public RateProfile Profile { get; } = RateProfile.Constant(1_000);

        public void Fire(long sequence, long intendedStart, long firedAt)
        {
            if (++_fired == after)
            {
                stop.Cancel();
            }
        }
    }
}
