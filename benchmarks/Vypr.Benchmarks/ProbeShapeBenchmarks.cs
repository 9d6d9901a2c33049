using System.Diagnostics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Vypr.Benchmarks;

/// <summary>
/// What a probe costs in each shape of call it is woven into, against the same call unwoven and against its floor, two
/// clock readings. Every benchmark loops inside (OperationsPerInvoke), so the reported time is per call and a
/// difference of a fraction of a nanosecond between the woven and the direct call is above BenchmarkDotNet's
/// resolution. Run under two jobs (monitoring off and on, chosen by VYPR_MONITORING at process start, as in real use).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ProbeJobs))]
public class ProbeShapeBenchmarks
{
    /// <summary>Calls per benchmark invocation on one thread.</summary>
    private const int Calls = 1_000;

    /// <summary>Calls per thread per invocation when two threads call at once: many ring fills per invocation.</summary>
    private const int ThreadCalls = 100_000;

    private readonly IRule _rule = new MonitoredRule();
    private readonly IPlainRule _plainRule = new PlainRule();
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

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "interface: direct")]
    public int InterfaceDirect()
    {
        IPlainRule rule = _plainRule;
        int sum = _seed;
        for (int i = 0; i < Calls; i++)
        {
            sum += rule.Check(i);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "interface: monitored")]
    public int InterfaceMonitored()
    {
        IRule rule = _rule;
        int sum = _seed;
        for (int i = 0; i < Calls; i++)
        {
            sum += rule.Check(i);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = ThreadCalls, Description = "two threads: 2x Stopwatch.GetTimestamp, per call per thread")]
    public long TwoThreadsClock()
    {
        long a = 0, b = 0;
        Parallel.Invoke(() => a = ClockLoop(ThreadCalls), () => b = ClockLoop(ThreadCalls));
        return a + b;
    }

    [Benchmark(OperationsPerInvoke = ThreadCalls, Description = "two threads: direct, per call per thread")]
    public int TwoThreadsDirect()
    {
        int a = 0, b = 0;
        Parallel.Invoke(() => a = DirectLoop(ThreadCalls), () => b = DirectLoop(ThreadCalls));
        return a + b;
    }

    [Benchmark(OperationsPerInvoke = ThreadCalls, Description = "two threads: monitored, per call per thread")]
    public int TwoThreadsMonitored()
    {
        int a = 0, b = 0;
        Parallel.Invoke(() => a = MonitoredLoop(ThreadCalls), () => b = MonitoredLoop(ThreadCalls));
        return a + b;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "scoped method, one quantified call: direct")]
    public int ScopedOnceDirect()
    {
        int sum = _seed;
        for (int i = 0; i < Calls; i++)
        {
            sum += Pipeline.RunOncePlain(i);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "scoped method, one quantified call: monitored")]
    public int ScopedOnceMonitored()
    {
        int sum = _seed;
        for (int i = 0; i < Calls; i++)
        {
            sum += Pipeline.RunOnce(i);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "scoped method, inner loop of 1,000: direct, per inner call")]
    public int ScopedLoopDirect() => Pipeline.RunPlain(Calls) + _seed;

    [Benchmark(OperationsPerInvoke = Calls, Description = "scoped method, inner loop of 1,000: monitored, per inner call")]
    public int ScopedLoopMonitored() => Pipeline.RunScoped(Calls) + _seed;

    private static long ClockLoop(int calls)
    {
        long sum = 0;
        for (int i = 0; i < calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            sum += Stopwatch.GetTimestamp() - start;
        }

        return sum;
    }

    private static int DirectLoop(int calls)
    {
        int sum = 0;
        for (int i = 0; i < calls; i++)
        {
            sum += Target.Plain(i);
        }

        return sum;
    }

    private static int MonitoredLoop(int calls)
    {
        int sum = 0;
        for (int i = 0; i < calls; i++)
        {
            sum += Target.Monitored(i);
        }

        return sum;
    }
}
