using System;

namespace Vypr.Runtime;

/// <summary>The process's processor time, as <c>Environment.CpuUsage</c> gives it on .NET (netstandard2.0 build only).</summary>
/// <param name="TotalTime">User and kernel time of every thread so far.</param>
internal readonly record struct ProcessCpuUsage(TimeSpan TotalTime);
