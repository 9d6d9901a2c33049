using System;
using System.Threading;
using System.Threading.Tasks;
using Vypr;

namespace Shapes;

public static class Asyncs
{
    [MaxDuration("10s")]
    public static async Task WaitAsync(int milliseconds)
    {
        await Task.Delay(milliseconds);
    }

    [MaxDuration("10s")]
    public static async Task<int> CountAsync(int milliseconds)
    {
        await Task.Delay(milliseconds);
        return milliseconds;
    }

    [MaxDuration("10s")]
    public static async ValueTask PauseAsync(int milliseconds)
    {
        await Task.Delay(milliseconds);
    }

    [MaxDuration("10s")]
    public static async ValueTask<int> PeekAsync(int milliseconds)
    {
        if (milliseconds == 0)
        {
            return 0;
        }

        await Task.Delay(milliseconds);
        return milliseconds;
    }

    [MaxDuration("10s")]
    public static async Task ThrowAsync()
    {
        await Task.Yield();
        throw new InvalidOperationException("late boom");
    }

    [MaxDuration("10s")]
    public static async Task WaitForCancellationAsync(CancellationToken cancellation)
    {
        await Task.Delay(TimeSpan.FromSeconds(30), cancellation);
    }

    // Not async: a throw before any task exists.
    [MaxDuration("10s")]
    public static Task<int> Checked(int x) => x < 0 ? throw new ArgumentOutOfRangeException(nameof(x)) : Task.FromResult(x);
}
