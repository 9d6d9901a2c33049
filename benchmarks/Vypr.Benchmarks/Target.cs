using System.Runtime.CompilerServices;
using Vypr;

namespace Vypr.Benchmarks;

/// <summary>Two identical small methods; only one carries a specification, so only its calls are intercepted.</summary>
public static class Target
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Plain(int x) => x + 1;

    [MaxDuration("1s")]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Monitored(int x) => x + 1;
}
