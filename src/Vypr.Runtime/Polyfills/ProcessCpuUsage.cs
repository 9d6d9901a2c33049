using System;
using System.Diagnostics;

namespace Vypr.Runtime;

/// <summary>The process's processor time, as <c>Environment.CpuUsage</c> gives it on .NET (netstandard2.0 build only).</summary>
/// <param name="TotalTime">User and kernel time of every thread so far.</param>
internal readonly record struct ProcessCpuUsage(TimeSpan TotalTime);

/// <summary><c>Environment.CpuUsage</c> for the netstandard2.0 build (compiled for netstandard2.0 only).</summary>
internal static class EnvironmentPolyfill
{
    extension(Environment)
    {
        /// <summary>The process's processor time so far (read per test, never on a probe's path).</summary>
        public static ProcessCpuUsage CpuUsage
        {
            get
            {
                using Process process = Process.GetCurrentProcess();
                return new ProcessCpuUsage(process.TotalProcessorTime);
            }
        }
    }
}
