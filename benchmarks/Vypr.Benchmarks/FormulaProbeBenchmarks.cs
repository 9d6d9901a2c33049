using System.Diagnostics;
using BenchmarkDotNet.Attributes;

namespace Vypr.Benchmarks;

/// <summary>
/// The cost of a call inside a scoped method that a fluent specification quantifies over, per call: a loop of
/// <see cref="Calls"/> calls in one invocation (so one invocation's entry is shared by that many calls), against the
/// same loop unwoven and against two clock readings. Run under the same two jobs as the probe overhead.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ProbeJobs))]
public class FormulaProbeBenchmarks
{
    private const int Calls = 1000;

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "plain loop, per call")]
    public int Plain() => Pipeline.RunPlain(Calls);

    [Benchmark(OperationsPerInvoke = Calls, Description = "scoped loop, per call")]
    public int Scoped() => Pipeline.RunScoped(Calls);

    [Benchmark(Description = "2x Stopwatch.GetTimestamp")]
    public long TwoTimestamps() => Stopwatch.GetTimestamp() - Stopwatch.GetTimestamp();
}
