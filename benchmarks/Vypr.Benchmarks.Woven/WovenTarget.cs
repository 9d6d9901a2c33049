using System.Runtime.CompilerServices;
using Vypr;

namespace Vypr.Benchmarks.Woven;

/// <summary>The same two methods as Vypr.Benchmarks.Target, in an assembly woven by IL: the monitored one times itself.</summary>
public static class WovenTarget
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Plain(int x) => x + 1;

    [MaxDuration("1s")]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Monitored(int x) => x + 1;

    // Without NoInlining: what a small monitored method costs a caller with monitoring off, next to the same method
    // unwoven (the woven body's try/finally keeps the JIT from inlining it; the unwoven one is inlined).
    [MaxDuration("1s")]
    public static int MonitoredInlinable(int x) => x + 1;

    public static int PlainInlinable(int x) => x + 1;
}
