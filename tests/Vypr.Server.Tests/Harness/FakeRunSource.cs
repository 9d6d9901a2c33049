using System;
using System.Collections.Generic;
using Vypr.Contracts;
using Vypr.Runtime.Shipping;

namespace Vypr.Server.Tests.Harness;

/// <summary>A run as a shipper sees it, without the process-wide monitor: the sample specifications, call sites and two tests.</summary>
public sealed class FakeRunSource(Guid runId) : IRunSource
{
    public Guid RunId { get; } = runId;

    public IReadOnlyList<SpecificationInfo> Specifications => [Documents.Hash, Documents.Upload];

    public IReadOnlyList<CallSiteInfo> CallSites => Documents.CallSites;

    public RunInfo DescribeRun() => Documents.Run(RunId);

    public RunDocument Snapshot() =>
        new(RunDocument.CurrentSchema, DescribeRun(), Specifications, CallSites, [Documents.Test(1), Documents.Test(2)], [])
        {
            Summaries = [new CallSiteSummary(1, 1, Calls: 5000, Violations: 3, Threw: 1, 100, 60_000_000, 2_000_000_000)],
        };

    /// <summary>Verdicts <paramref name="first"/>..first+count-1 of this run, spread over both tests and every call site.</summary>
    public static VerdictInfo[] Verdicts(long first, int count)
    {
        var verdicts = new VerdictInfo[count];
        for (int i = 0; i < count; i++)
        {
            long sequence = first + i;
            verdicts[i] = Documents.Verdict(sequence, (int)(sequence % 2) + 1, (int)(sequence % 3) + 1);
        }

        return verdicts;
    }
}
