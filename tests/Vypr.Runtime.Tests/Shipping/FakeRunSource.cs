using System;
using System.Collections.Generic;
using Vypr.Contracts;
using Vypr.Runtime.Shipping;

namespace Vypr.Runtime.Tests.Shipping;

/// <summary>A run as a shipper sees it, without the process-wide monitor: one specification, one call site, one test.</summary>
internal sealed class FakeRunSource(Guid runId) : IRunSource
{
    public Guid RunId { get; } = runId;

    public IReadOnlyList<SpecificationInfo> Specifications { get; } = [new SpecificationInfo(1, "M:S.M MaxDuration(\"1ms\")", "S.M()", "MaxDuration(\"1ms\")", 1_000_000)];

    public IReadOnlyList<CallSiteInfo> CallSites { get; } = [new CallSiteInfo(1, 1, "/src/S.cs", 3, 5, "S.Caller()", "Sample")];

    public RunInfo DescribeRun() => new(RunId, "Sample.Tests", new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.UtcNow, "host", ".NET", null, null);

    public RunDocument Snapshot() =>
        new(RunDocument.CurrentSchema, DescribeRun(), Specifications, CallSites, [new TestInfo(1, "S.Tests.T", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "Passed")], [])
        {
            Summaries = [new CallSiteSummary(1, 1, 10, 1, 0, 100, 2_000_000, 3_000_000)],
        };

    /// <summary>Verdicts <paramref name="first"/>..first+count-1 of this run.</summary>
    public static VerdictInfo[] Verdicts(long first, int count)
    {
        var verdicts = new VerdictInfo[count];
        for (int i = 0; i < count; i++)
        {
            long sequence = first + i;
            long duration = 1000 + sequence;
            verdicts[i] = new VerdictInfo(sequence, 1, 1, 1, 1, DateTimeOffset.UtcNow, duration, true, 1_000_000 - duration, false, [new ObservationInfo("duration", duration, "ns", "<= 1ms", true)]);
        }

        return verdicts;
    }
}
