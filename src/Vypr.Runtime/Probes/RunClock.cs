using System;
using System.Diagnostics;

namespace Vypr.Runtime;

/// <summary>Turns probe timestamps into durations and wall-clock times, anchored once per process.</summary>
internal static class RunClock
{
    private static readonly double s_nanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    // Where the clock already counts nanoseconds (Linux), converting is the identity.
    private static readonly bool s_ticksAreNanoseconds = Stopwatch.Frequency == 1_000_000_000;
    private static readonly long s_anchorTimestamp = Stopwatch.GetTimestamp();

    public static readonly DateTimeOffset Started = DateTimeOffset.UtcNow;

    public static long Nanoseconds(long fromTimestamp, long toTimestamp) => s_ticksAreNanoseconds
        ? toTimestamp - fromTimestamp
        : (long)Math.Round((toTimestamp - fromTimestamp) * s_nanosecondsPerTick);

    public static DateTimeOffset ToWallClock(long timestamp) =>
        Started.AddTicks(Nanoseconds(s_anchorTimestamp, timestamp) / 100);
}
