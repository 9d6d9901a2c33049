using System.Threading.Tasks;
using Vypr;

namespace Shapes;

/// <summary>A scoped method reached through its base method, which also carries a bound: one body, two probes.</summary>
public abstract class Meter
{
    public abstract int Read(int x);
}

public sealed class Gauge : Meter
{
    [MaxDuration("10s")]
    public override int Read(int x) => Ledger.Weigh(x) + 1;
}

/// <summary>
/// An asynchronous scoped method returning a value task, whose quantified calls return a value task and a task that
/// are still running when they return, and whose local, written across awaits, is hoisted into its state machine.
/// </summary>
public sealed class Feed
{
    public async ValueTask<int> PullAsync(int n)
    {
        int got = await FetchAsync(n);
        await Task.Yield();
        int more = await SlowAsync(n);
        got += more;
        return got;
    }

    public static async ValueTask<int> FetchAsync(int n)
    {
        await Task.Delay(1);
        return n;
    }

    public static async Task<int> SlowAsync(int n)
    {
        await Task.Delay(20);
        return n * 10;
    }
}
