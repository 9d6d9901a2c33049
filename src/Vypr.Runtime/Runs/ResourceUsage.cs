using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Vypr.Runtime;

/// <summary>
/// The process's peak resident memory, read the cheap way: <c>getrusage</c>'s <c>ru_maxrss</c> on Linux and macOS
/// (a system call, a few microseconds), <see cref="Process.PeakWorkingSet64"/> elsewhere. On Linux the latter
/// parses <c>/proc</c> and costs hundreds of microseconds, too much to pay twice per test (docs/benchmarks.md).
/// </summary>
internal static class ResourceUsage
{
    private const int Self = 0;

    /// <summary>The peak resident set size of the process so far, in bytes.</summary>
    public static long PeakResidentBytes()
    {
        if ((OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && Environment.Is64BitProcess)
        {
            try
            {
                if (getrusage(Self, out RUsage usage) == 0)
                {
                    // Linux counts kibibytes, macOS bytes.
                    return OperatingSystem.IsLinux() ? usage.MaxRss * 1024 : usage.MaxRss;
                }
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // A libc without getrusage: fall back below.
            }
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    /// <summary>
    /// The process's CPU time (user + system) and, where the system reports it cheaply, its peak resident memory, in
    /// one system call. <c>Environment.CpuUsage</c> measured several times as much as <c>getrusage</c> per call
    /// in a test run's profile, and a test reads its clocks twice.
    /// </summary>
    /// <param name="peakResidentBytes">The peak resident memory, or -1 when this read did not give it.</param>
    /// <returns>The CPU time.</returns>
    public static TimeSpan CpuTime(out long peakResidentBytes)
    {
        if ((OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && Environment.Is64BitProcess && s_getrusage)
        {
            try
            {
                if (getrusage(Self, out RUsage usage) == 0)
                {
                    peakResidentBytes = OperatingSystem.IsLinux() ? usage.MaxRss * 1024 : usage.MaxRss;
                    return TimeSpan.FromTicks(
                        ((usage.UserSeconds + usage.SystemSeconds) * TimeSpan.TicksPerSecond)
                        + ((usage.UserMicroseconds + usage.SystemMicroseconds) * TimeSpan.TicksPerMicrosecond));
                }
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                s_getrusage = false;
            }
        }

        peakResidentBytes = -1;
        return Environment.CpuUsage.TotalTime;
    }

    private static bool s_getrusage = true;

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int getrusage(int who, out RUsage usage);

    // struct rusage on 64-bit Linux and macOS: two timevals, then longs; ru_maxrss is the first of them.
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long IxRss;
        public long IdRss;
        public long IsRss;
        public long MinFlt;
        public long MajFlt;
        public long NSwap;
        public long InBlock;
        public long OuBlock;
        public long MsgSnd;
        public long MsgRcv;
        public long NSignals;
        public long NvCsw;
        public long NivCsw;
    }
}
