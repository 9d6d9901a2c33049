using System;
using System.Diagnostics;

namespace Vypr.Runtime;

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
