using System;
using System.Diagnostics;
using Vypr.Contracts;
using Xunit;

namespace Vypr.Runtime.Tests.Runs;

/// <summary>A test's measurements: what it allocated, collected and spent, and whether another test overlapped it.</summary>
public sealed class TestMeterTests
{
    [Fact]
    public void A_test_that_allocates_collects_and_spins_is_measured_so()
    {
        TestMeter meter = TestMeter.Start();
        byte[][] kept = new byte[64][];
        for (int i = 0; i < kept.Length; i++)
        {
            kept[i] = new byte[256 * 1024];
        }

        GC.Collect(0);
        GC.Collect(2);
        var spin = Stopwatch.StartNew();
        while (spin.ElapsedMilliseconds < 50)
        {
            // Processor time, not sleep.
        }

        TestMeasurements m = meter.Stop();
        GC.KeepAlive(kept);

        Assert.InRange(m.AllocatedBytes, 64L * 256 * 1024, long.MaxValue);
        Assert.InRange(m.Gen0Collections, 2, int.MaxValue);
        Assert.InRange(m.Gen2Collections, 1, int.MaxValue);
        Assert.InRange(m.Gen1Collections, m.Gen2Collections, int.MaxValue);
        Assert.InRange(m.WallNanoseconds, 50_000_000, long.MaxValue);
        // A loaded machine may run the spinning thread less than the whole 50ms, but it ran it.
        Assert.InRange(m.CpuNanoseconds, 1, long.MaxValue);
        Assert.InRange(m.PeakWorkingSetBytes, 64L * 256 * 1024, long.MaxValue);
    }

    [Fact]
    public void Tests_that_overlap_are_both_marked_as_not_exclusive()
    {
        TestMeter outer = TestMeter.Start();
        TestMeter inner = TestMeter.Start();
        TestMeasurements innerMeasured = inner.Stop();
        TestMeasurements outerMeasured = outer.Stop();

        Assert.False(outerMeasured.Exclusive);
        Assert.False(innerMeasured.Exclusive);
    }
}
