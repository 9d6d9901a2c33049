using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Vypr.Benchmarks;

namespace Vypr.Benchmarks.NetStandard;

/// <summary>
/// The sync and async probes against the same calls unwoven and against their floor, two clock readings, on whichever
/// build of the runtime this process loaded (<see cref="Program.RuntimeBuild"/>). Loops inside (OperationsPerInvoke),
/// as ProbeShapeBenchmarks does, so the reported time is per call.
/// </summary>
[MemoryDiagnoser]
public class RuntimeBuildBenchmarks
{
    private const int Calls = 1_000;

    private int _seed = 41;

    [Benchmark(OperationsPerInvoke = Calls, Description = "clock: 2x Stopwatch.GetTimestamp")]
    public long TwoClockReads()
    {
        long sum = _seed;
        for (int i = 0; i < Calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            sum += Stopwatch.GetTimestamp() - start;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "sync: direct")]
    public int SyncDirect()
    {
        int sum = _seed;
        for (int i = 0; i < Calls; i++)
        {
            sum += Target.Plain(i);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "sync: monitored")]
    public int SyncMonitored()
    {
        int sum = _seed;
        for (int i = 0; i < Calls; i++)
        {
            sum += Target.Monitored(i);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "async completed Task: direct")]
    public int AsyncDirect()
    {
        int sum = _seed;
        for (int i = 0; i < Calls; i++)
        {
            sum += Target.PlainAsync(i).IsCompleted ? 1 : 0;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "async completed Task: monitored")]
    public int AsyncMonitored()
    {
        int sum = _seed;
        for (int i = 0; i < Calls; i++)
        {
            sum += Target.MonitoredAsync(i).IsCompleted ? 1 : 0;
        }

        _seed = sum & 1;
        return sum;
    }
}
