using System;
using System.Threading.Tasks;
using Vypr;

namespace Vypr.Runtime.Tests;

/// <summary>Monitored methods with known behaviour, woven by the real generator.</summary>
public static class Workload
{
    [MaxDuration("10s")]
    public static int Compute(int n)
    {
        int acc = n;
        for (int i = 0; i < 50; i++)
        {
            acc = unchecked((acc * 31) + i);
        }

        return acc;
    }

    // No real call finishes within a nanosecond: every call of this method is a violation.
    [MaxDuration("1ns")]
    public static int AlwaysTooSlow(int n) => Compute(n);

    [MaxDuration("10s")]
    public static int Fibonacci(int n) => n < 2 ? n : Fibonacci(n - 1) + Fibonacci(n - 2);

    [MaxDuration("10s")]
    public static async Task<int> DelayAsync(int milliseconds)
    {
        await Task.Delay(milliseconds);
        return milliseconds;
    }

    [MaxDuration("10s")]
    public static async Task FailLaterAsync()
    {
        await Task.Yield();
        throw new InvalidOperationException("faulted");
    }

    [MaxDuration("10s")]
    public static async Task WaitUntilCancelledAsync(System.Threading.CancellationToken cancellation) =>
        await Task.Delay(System.Threading.Timeout.Infinite, cancellation);

    [MaxDuration("10s")]
    public static void Throw(string message) => throw new InvalidOperationException(message);
}
