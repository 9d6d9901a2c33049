namespace Vypr.Runtime;

/// <summary>The part of <c>GCMemoryInfo</c> the run's machine fingerprint reads (netstandard2.0 build only).</summary>
/// <param name="TotalAvailableMemoryBytes">The machine's memory; 0 where the platform does not say.</param>
internal readonly record struct GcMemoryInfo(long TotalAvailableMemoryBytes);
