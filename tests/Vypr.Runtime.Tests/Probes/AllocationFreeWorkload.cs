using System.Threading.Tasks;
using Vypr;

namespace Vypr.Runtime.Tests.Probes;

/// <summary>Monitored methods of every probe shape whose own bodies allocate nothing, so a probe that allocates shows.</summary>
public static class AllocationFreeWorkload
{
    private static readonly Task<int> s_done = Task.FromResult(7);

    [MaxDuration("10s")]
    public static int Sync(int n) => n + 1;

    [MaxDuration("10s")]
    public static Task CompletedAsync() => Task.CompletedTask;

    [MaxDuration("10s")]
    public static Task<int> CompletedWithResultAsync() => s_done;

    [MaxDuration("10s")]
    public static ValueTask<int> CompletedValueAsync(int n) => new(n);
}
