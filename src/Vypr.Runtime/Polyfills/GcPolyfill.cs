using System;
using System.IO;
using System.Reflection;

namespace Vypr.Runtime;

/// <summary>What the runtime reads of <see cref="GC"/> beyond netstandard2.0 (compiled for netstandard2.0 only).</summary>
/// <remarks>
/// The netstandard2.0 build runs on .NET Framework or Mono (a .NET process loads the net10.0 build), which have
/// neither API. Allocations are read from the app domain's monitoring (turned on at first use) where the platform
/// has it, and the memory from /proc/meminfo on Linux; where neither exists the value is 0, which the results
/// format reads as "not measured" for the machine and as no allocation for a test.
/// </remarks>
internal static class GcPolyfill
{
    private static readonly Func<long>? s_allocated = AllocatedReader();

    extension(GC)
    {
        /// <summary>Bytes allocated by the process so far, where the platform counts them.</summary>
        public static long GetTotalAllocatedBytes(bool precise) => s_allocated?.Invoke() ?? 0;

        /// <summary>The machine's memory, where the platform says.</summary>
        public static GcMemoryInfo GetGCMemoryInfo() => new(MachineMemoryBytes());
    }

    private static Func<long>? AllocatedReader()
    {
        // .NET Framework: AppDomain.MonitoringTotalAllocatedMemorySize once AppDomain.MonitoringIsEnabled is set.
        PropertyInfo? enabled = typeof(AppDomain).GetProperty("MonitoringIsEnabled", BindingFlags.Public | BindingFlags.Static);
        PropertyInfo? total = typeof(AppDomain).GetProperty("MonitoringTotalAllocatedMemorySize", BindingFlags.Public | BindingFlags.Instance);
        if (enabled is null || total is null || !enabled.CanWrite)
        {
            return null;
        }

        try
        {
            enabled.SetValue(null, true);
        }
        catch (Exception exception) when (exception is ArgumentException or TargetInvocationException or MethodAccessException)
        {
            return null;
        }

        return () => (long)total.GetValue(AppDomain.CurrentDomain)!;
    }

    private static long MachineMemoryBytes()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/meminfo"))
            {
                // "MemTotal:       24615472 kB"
                if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
                {
                    string[] parts = line.Split([' '], StringSplitOptions.RemoveEmptyEntries);
                    return parts.Length >= 2 && long.TryParse(parts[1], out long kibibytes) ? kibibytes * 1024 : 0;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        return 0;
    }
}
