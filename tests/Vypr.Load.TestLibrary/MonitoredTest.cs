using System.Threading.Tasks;
using Vypr;
using Vypr.Load;

namespace Vypr.Load.TestLibrary;

/// <summary>Calls a monitored method that violates its specification on every call (no call takes under a nanosecond).</summary>
public sealed class MonitoredTest : LoadTest
{
    public override ValueTask RunAsync(FireContext fire)
    {
        _ = AlwaysTooSlow((int)fire.Sequence);
        return default;
    }

    [MaxDuration("1ns")]
    public static int AlwaysTooSlow(int n)
    {
        int acc = n;
        for (int i = 0; i < 50; i++)
        {
            acc = unchecked((acc * 31) + i);
        }

        return acc;
    }
}
