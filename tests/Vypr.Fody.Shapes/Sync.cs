using System;
using System.Threading;
using Vypr;

namespace Shapes;

public static class Sync
{
    [MaxDuration("10s")]
    public static int Twice(int x) => x * 2;

    // Not monitored: its two calls of Twice are timed by Twice itself, once each.
    public static int TwiceTwice(int x) => Twice(Twice(x));

    [MaxDuration("10s")]
    public static void Fail() => throw new InvalidOperationException("boom");

    [MaxDuration("1ms")]
    public static void Sleep(int milliseconds) => Thread.Sleep(milliseconds);

    [MaxDuration("10s")]
    public static int Branches(int x)
    {
        if (x < 0)
        {
            return -1;
        }

        for (int i = 0; i < x; i++)
        {
            if (i * i > x)
            {
                return i;
            }
        }

        return 0;
    }

    [MaxDuration("10s")]
    public static int Guarded(int x)
    {
        try
        {
            return checked(x + 1);
        }
        catch (OverflowException)
        {
            return 0;
        }
        finally
        {
            Interlocked.Increment(ref s_guardedCalls);
        }
    }

    private static int s_guardedCalls;

    public static int GuardedCalls => s_guardedCalls;

    [MaxDuration("10s")]
    public static ref int Slot(int[] values, int index) => ref values[index];
}
