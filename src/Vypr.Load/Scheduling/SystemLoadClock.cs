using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;

namespace Vypr.Load.Scheduling;

/// <summary>
/// The machine's monotonic clock (<see cref="Stopwatch"/>). Waits sleep with the kernel's high-resolution timer
/// (<c>nanosleep</c>, about 60 microseconds of slack on Linux) until <see cref="SpinWindow"/> before the target,
/// then yield the core in a loop for the rest, so a wait costs little CPU yet ends within microseconds of its target.
/// </summary>
public sealed partial class SystemLoadClock : LoadClock
{
    // Never sleep longer than this in one call, so a stop request is seen promptly.
    private static readonly long s_maxSleep = Stopwatch.Frequency / 20;

    private readonly long _spinTicks;

    /// <summary>Creates the clock.</summary>
    /// <param name="spinWindow">How long before a target the clock stops sleeping and yields in a loop instead. Zero sleeps all the way (least CPU, the timer's slack as error).</param>
    public SystemLoadClock(TimeSpan spinWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spinWindow, TimeSpan.Zero);
        SpinWindow = spinWindow;
        _spinTicks = (long)(spinWindow.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>The default spin window: 100 microseconds, longer than the kernel timer's usual slack.</summary>
    public static TimeSpan DefaultSpinWindow { get; } = TimeSpan.FromMicroseconds(100);

    /// <summary>How long before a target the clock stops sleeping.</summary>
    public TimeSpan SpinWindow { get; }

    /// <inheritdoc />
    public override long Frequency => Stopwatch.Frequency;

    /// <inheritdoc />
    public override long GetTimestamp() => Stopwatch.GetTimestamp();

    /// <inheritdoc />
    public override void WaitUntil(long timestamp, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            long remaining = timestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            long sleep = remaining - _spinTicks;
            if (sleep > 0)
            {
                Sleep(Math.Min(sleep, s_maxSleep));
            }
            else if (!Thread.Yield())
            {
                Thread.SpinWait(16);
            }
        }
    }

    private static void Sleep(long ticks)
    {
        long nanoseconds = (long)(ticks * (1_000_000_000.0 / Stopwatch.Frequency));
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            var request = new TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
            _ = NanoSleep(in request, IntPtr.Zero);
        }
        else
        {
            // Elsewhere the finest portable sleep is a millisecond; the spin loop absorbs the rest.
            Thread.Sleep(nanoseconds >= 2_000_000 ? (int)(nanoseconds / 1_000_000) - 1 : 0);
        }
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int NanoSleep(in TimeSpec request, IntPtr remaining);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
