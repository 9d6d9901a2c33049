using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace Vypr.Benchmarks.NetStandard;

/// <summary>Pairs of identical small methods; only one of each pair carries a specification, so only its calls are intercepted.</summary>
public static class Target
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Plain(int x) => x + 1;

    [MaxDuration("1s")]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Monitored(int x) => x + 1;

    // No await: the method completes synchronously and returns the runtime's cached completed task.
#pragma warning disable CS1998
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static async Task PlainAsync(int x)
    {
    }

    [MaxDuration("1s")]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static async Task MonitoredAsync(int x)
    {
    }
#pragma warning restore CS1998
}
