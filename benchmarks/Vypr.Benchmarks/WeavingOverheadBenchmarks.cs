using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Vypr.Benchmarks.Woven;

namespace Vypr.Benchmarks;

/// <summary>
/// The IL backend's probe (Vypr.Fody, inside the method) against the interceptor probe (at the call site), two clock
/// readings, and the unwoven method, in one run under both jobs. Each benchmark makes <see cref="Calls"/> calls, so
/// that differences of a nanosecond are above BenchmarkDotNet's resolution.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ProbeJobs))]
public class WeavingOverheadBenchmarks
{
    private const int Calls = 1000;

    private int _value = 41;

    [Benchmark(Baseline = true, Description = "unwoven method (NoInlining)", OperationsPerInvoke = Calls)]
    public int Unwoven()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += WovenTarget.Plain(_value);
        }

        return sum;
    }

    [Benchmark(Description = "IL-woven method (NoInlining)", OperationsPerInvoke = Calls)]
    public int Woven()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += WovenTarget.Monitored(_value);
        }

        return sum;
    }

    [Benchmark(Description = "intercepted call (NoInlining)", OperationsPerInvoke = Calls)]
    public int Intercepted()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += Target.Monitored(_value);
        }

        return sum;
    }

    [Benchmark(Description = "unwoven small method (inlinable)", OperationsPerInvoke = Calls)]
    public int UnwovenInlinable()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += WovenTarget.PlainInlinable(_value);
        }

        return sum;
    }

    [Benchmark(Description = "IL-woven small method (inlinable)", OperationsPerInvoke = Calls)]
    public int WovenInlinable()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += WovenTarget.MonitoredInlinable(_value);
        }

        return sum;
    }

    [Benchmark(Description = "2x Stopwatch.GetTimestamp", OperationsPerInvoke = Calls)]
    public long TwoTimestamps()
    {
        long sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += Stopwatch.GetTimestamp() - Stopwatch.GetTimestamp() + _value;
        }

        return sum;
    }
}
