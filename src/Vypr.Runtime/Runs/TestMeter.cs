using System;
using System.Diagnostics;
using System.Threading;
using Vypr.Contracts;

namespace Vypr.Runtime;

/// <summary>
/// Measures one test: reads the process's clocks and counters when the test begins and again when it ends (twice per
/// test, never on a probe's path), and tracks whether another test overlapped it, which makes the process-wide
/// counters shared rather than its own. A struct held in the test's scope: one object less per test.
/// </summary>
internal readonly struct TestMeter
{
    // Tests running now, and a count of test starts: a test saw no other when nothing else was running at its start
    // and no other test started before it ended.
    private static int s_running;
    private static long s_starts;

    private readonly long _startTimestamp;
    private readonly TimeSpan _startCpu;
    private readonly long _startAllocated;
    private readonly int _startGen0;
    private readonly int _startGen1;
    private readonly int _startGen2;
    private readonly long _startCount;
    private readonly bool _aloneAtStart;

    public TestMeter()
    {
        _aloneAtStart = Interlocked.Increment(ref s_running) == 1;
        _startCount = Interlocked.Increment(ref s_starts);
        _startCpu = ResourceUsage.CpuTime(out _);
        _startAllocated = AllocatedBytes(alone: _aloneAtStart);
        _startGen0 = GC.CollectionCount(0);
        _startGen1 = GC.CollectionCount(1);
        _startGen2 = GC.CollectionCount(2);
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    // The precise count suspends every managed thread to read their unfinished allocation contexts: 0.5 us with one
    // thread running, 70-125 us with two others busy (one of them a test), and it stalls them meanwhile. It is paid
    // only when no other test is running, where the count can be this test's own; tests that overlap share the
    // process's count anyway (they are not exclusive), and the approximate count costs nothing.
    private static long AllocatedBytes(bool alone) => GC.GetTotalAllocatedBytes(precise: alone);

    /// <summary>Starts measuring a test that begins now.</summary>
    public static TestMeter Start() => new();

    /// <summary>Ends the measurement of a test that ends now.</summary>
    public TestMeasurements Stop()
    {
        long wall = (long)Stopwatch.GetElapsedTime(_startTimestamp).TotalNanoseconds;
        TimeSpan cpu = ResourceUsage.CpuTime(out long peak) - _startCpu;
        long allocated = AllocatedBytes(alone: Volatile.Read(ref s_running) == 1) - _startAllocated;
        bool exclusive = _aloneAtStart && Interlocked.Read(ref s_starts) == _startCount;
        Interlocked.Decrement(ref s_running);
        if (peak < 0)
        {
            peak = ResourceUsage.PeakResidentBytes();
        }
        return new TestMeasurements(
            wall,
            (long)cpu.TotalNanoseconds,
            Math.Max(0, allocated),
            GC.CollectionCount(0) - _startGen0,
            GC.CollectionCount(1) - _startGen1,
            GC.CollectionCount(2) - _startGen2,
            peak,
            exclusive);
    }
}
