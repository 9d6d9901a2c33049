using System.Collections.Generic;
using Vypr.Contracts;

namespace Vypr.Runtime.Shipping;

/// <summary>
/// What a <see cref="VerdictShipper"/> needs to know about the run whose verdicts it ships, so that every batch
/// carries the specifications, call sites and tests its verdicts refer to.
/// </summary>
public interface IRunSource
{
    /// <summary>The specifications registered so far, by ascending ID.</summary>
    IReadOnlyList<SpecificationInfo> Specifications { get; }

    /// <summary>The call sites registered so far, by ascending ID.</summary>
    IReadOnlyList<CallSiteInfo> CallSites { get; }

    /// <summary>Describes the run as of now (its end time is the time of the call).</summary>
    /// <returns>The run.</returns>
    RunInfo DescribeRun();

    /// <summary>
    /// The run so far, as <see cref="RuntimeMonitor.Snapshot"/> gives it. The shipper takes the tests (with the
    /// outcomes of those that ended) and the per-call-site summaries from it; it ships verdicts as they are published.
    /// </summary>
    /// <returns>The snapshot.</returns>
    RunDocument Snapshot();
}
