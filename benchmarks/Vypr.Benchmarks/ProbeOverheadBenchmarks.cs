using System.Diagnostics;
using BenchmarkDotNet.Attributes;

namespace Vypr.Benchmarks;

/// <summary>
/// The cost of one monitored call against its floor. Run under two jobs (monitoring off and on, chosen by
/// VYPR_MONITORING at process start, as in real use): with monitoring off the intercepted call must cost what the
/// direct call costs; with it on, about what two clock readings cost, and nothing allocated.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ProbeJobs))]
public class ProbeOverheadBenchmarks
{
    private int _value = 41;

    [Benchmark(Baseline = true, Description = "direct call")]
    public int DirectCall() => Target.Plain(_value);

    [Benchmark(Description = "intercepted call")]
    public int InterceptedCall() => Target.Monitored(_value);

    [Benchmark(Description = "2x Stopwatch.GetTimestamp")]
    public long TwoTimestamps() => Stopwatch.GetTimestamp() - Stopwatch.GetTimestamp() + _value;
}
