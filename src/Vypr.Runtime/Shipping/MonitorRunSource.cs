using System;
using System.Collections.Generic;
using Vypr.Contracts;

namespace Vypr.Runtime.Shipping;

/// <summary>The run of this process, as <see cref="RuntimeMonitor"/> and <see cref="MonitorRegistry"/> know it.</summary>
internal sealed class MonitorRunSource(string assembly) : IRunSource
{
    public IReadOnlyList<SpecificationInfo> Specifications => MonitorRegistry.Specifications;

    public IReadOnlyList<CallSiteInfo> CallSites => MonitorRegistry.CallSites;

    public RunInfo DescribeRun() => RunEnvironment.Describe(RuntimeMonitor.RunId, assembly, RunClock.Started, DateTimeOffset.UtcNow);

    // The snapshot is the monitor's one public view of its tests; the shipper asks only when a verdict names a
    // test it has not seen, and once at the end for the outcomes and summaries.
    public RunDocument Snapshot() => RuntimeMonitor.Snapshot(assembly);
}
