using System;
using System.Collections.Generic;
using Vypr.Contracts;
using Vypr.Runtime.Shipping;

namespace Vypr.Server.Benchmarks;

/// <summary>
/// A synthetic run shaped like a real one: a few monitored methods, one call site each per test, 10% violations,
/// one observation per verdict. The same verdicts feed the raw insert and the end-to-end path.
/// </summary>
internal sealed class Workload : IRunSource
{
    public const int Methods = 4;
    public const int Tests = 50;

    private static readonly DateTimeOffset s_start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public Workload(Guid runId)
    {
        RunId = runId;
        var specifications = new List<SpecificationInfo>();
        var callSites = new List<CallSiteInfo>();
        for (int m = 1; m <= Methods; m++)
        {
            specifications.Add(new SpecificationInfo(m, $"M:Bench.Service.Method{m} MaxDuration(\"1ms\")", $"Bench.Service.Method{m}()", "MaxDuration(\"1ms\")", 1_000_000));
            callSites.Add(new CallSiteInfo(m, m, "/src/Bench/Caller.cs", 10 + m, 9, "Bench.Caller.Run()", "Bench"));
        }

        Specifications = specifications;
        CallSites = callSites;
        var tests = new List<TestInfo>();
        for (int t = 1; t <= Tests; t++)
        {
            tests.Add(new TestInfo(t, $"Bench.Tests.T{t}", s_start, s_start.AddSeconds(1), "Passed"));
        }

        AllTests = tests;
    }

    public Guid RunId { get; }

    public IReadOnlyList<SpecificationInfo> Specifications { get; }

    public IReadOnlyList<CallSiteInfo> CallSites { get; }

    public IReadOnlyList<TestInfo> AllTests { get; }

    public RunInfo DescribeRun() => new(RunId, "Bench.Tests", s_start, s_start.AddMinutes(1), "bench; Debian 12; X64; 2 cores", ".NET 10", "0000000", "main");

    public RunDocument Snapshot() => Document([]);

    public static VerdictInfo Verdict(long sequence)
    {
        int site = (int)(sequence % Methods) + 1;
        bool value = sequence % 10 != 0;
        long duration = value ? 400_000 + (sequence % 1000) : 1_500_000;
        return new VerdictInfo(
            sequence,
            site,
            site,
            (int)(sequence % Tests) + 1,
            1,
            s_start.AddTicks(sequence * 10),
            duration,
            value,
            1_000_000 - duration,
            false,
            [new ObservationInfo("duration", duration, "ns", "<= 1ms", value)]);
    }

    public static VerdictInfo[] Verdicts(long first, int count)
    {
        var verdicts = new VerdictInfo[count];
        for (int i = 0; i < count; i++)
        {
            verdicts[i] = Verdict(first + i);
        }

        return verdicts;
    }

    public RunDocument Document(IReadOnlyList<VerdictInfo> verdicts) =>
        new(RunDocument.CurrentSchema, DescribeRun(), Specifications, CallSites, AllTests, verdicts);
}
