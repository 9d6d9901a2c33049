using System;

namespace Vypr.Runtime;

/// <summary><c>TimeSpan.TotalNanoseconds</c> and <c>TimeSpan.TicksPerMicrosecond</c> for the netstandard2.0 build (compiled for netstandard2.0 only).</summary>
internal static class TimeSpanPolyfill
{
    extension(TimeSpan span)
    {
        /// <summary>The span in nanoseconds (a tick is 100 ns), as on .NET.</summary>
        public double TotalNanoseconds => span.Ticks * 100.0;
    }

    extension(TimeSpan)
    {
        /// <summary>Ticks in a microsecond (a tick is 100 ns), as on .NET.</summary>
        public static long TicksPerMicrosecond => 10;
    }
}
