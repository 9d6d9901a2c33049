using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Vypr.Contracts;

namespace Vypr.Runtime;

/// <summary>
/// The run's verdicts (in the order they were decided, and by test), its tests and the per-test, per-site
/// statistics. Touched only under <see cref="RuntimeMonitor"/>'s drain lock, so it does not synchronise itself.
/// </summary>
internal static class VerdictStore
{
    private static readonly List<VerdictInfo> s_verdicts = [];
    private static readonly Dictionary<int, List<VerdictInfo>> s_verdictsByTest = [];
    private static readonly Dictionary<int, TestInfo> s_tests = [];
    private static readonly List<CallSiteAccumulator> s_accumulators = [];

    // Each test's report reads its own statistics: by test, so that a run's reports cost in proportion to the run,
    // not to the square of its number of tests. Keyed by plain ints: a dictionary keyed by a (test, site) tuple is a
    // generic instantiation that no precompiled image holds, compiled for each test process and run unoptimised.
    private static readonly Dictionary<int, Dictionary<int, CallSiteAccumulator>> s_accumulatorsByTest = [];
    private static CallSiteAccumulator? s_lastAccumulator;

    /// <summary>How many verdicts the run has kept; the next verdict's ID is one more.</summary>
    public static int Count => s_verdicts.Count;

    public static void Add(VerdictInfo verdict)
    {
        s_verdicts.Add(verdict);
        if (!s_verdictsByTest.TryGetValue(verdict.TestId, out List<VerdictInfo>? ofTest))
        {
            ofTest = [];
            s_verdictsByTest.Add(verdict.TestId, ofTest);
        }

        ofTest.Add(verdict);
    }

    /// <summary>The verdicts kept since the count was <paramref name="firstNew"/>.</summary>
    public static List<VerdictInfo> Since(int firstNew) => s_verdicts.GetRange(firstNew, s_verdicts.Count - firstNew);

    public static VerdictInfo[] All() => s_verdicts.ToArray();

    public static VerdictInfo[] Of(int testId) =>
        s_verdictsByTest.TryGetValue(testId, out List<VerdictInfo>? verdicts) ? verdicts.ToArray() : [];

    // Calls come in runs from the same test and call site: remember the last accumulator to skip the lookup.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CallSiteAccumulator Accumulator(int testId, int callSiteId)
    {
        CallSiteAccumulator? last = s_lastAccumulator;
        return last is not null && last.TestId == testId && last.CallSiteId == callSiteId ? last : AccumulatorOf(testId, callSiteId);
    }

    /// <summary>Every test's statistics, by test and call site.</summary>
    public static CallSiteSummary[] Summaries() => Sorted(s_accumulators);

    /// <summary>The statistics of the test <paramref name="testId"/>, by call site.</summary>
    public static CallSiteSummary[] SummariesOf(int testId)
    {
        if (!s_accumulatorsByTest.TryGetValue(testId, out Dictionary<int, CallSiteAccumulator>? ofTest))
        {
            return [];
        }

        var accumulators = new List<CallSiteAccumulator>(ofTest.Count);
        foreach (KeyValuePair<int, CallSiteAccumulator> entry in ofTest)
        {
            accumulators.Add(entry.Value);
        }

        return Sorted(accumulators);
    }

    private static CallSiteSummary[] Sorted(List<CallSiteAccumulator> accumulators)
    {
        var summaries = new CallSiteSummary[accumulators.Count];
        for (int i = 0; i < summaries.Length; i++)
        {
            summaries[i] = accumulators[i].ToSummary();
        }

        System.Array.Sort(summaries, static (a, b) => a.TestId != b.TestId ? a.TestId.CompareTo(b.TestId) : a.CallSiteId.CompareTo(b.CallSiteId));
        return summaries;
    }

    public static void TestStarted(TestInfo test) => s_tests[test.Id] = test;

    public static void TestEnded(int testId, DateTimeOffset endedAt, string? outcome, TestMeasurements? measurements)
    {
        if (s_tests.TryGetValue(testId, out TestInfo? test))
        {
            s_tests[testId] = test with { EndedAt = endedAt, Outcome = outcome is null ? null : TextLimits.Clip(ResultsText.Clean(outcome)!, TextLimits.Short), Measurements = measurements };
        }
    }

    /// <summary>The run's tests, by ID.</summary>
    public static List<TestInfo> Tests()
    {
        var tests = new List<TestInfo>(s_tests.Values);
        tests.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        return tests;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CallSiteAccumulator AccumulatorOf(int testId, int callSiteId)
    {
        if (!s_accumulatorsByTest.TryGetValue(testId, out Dictionary<int, CallSiteAccumulator>? ofTest))
        {
            ofTest = [];
            s_accumulatorsByTest.Add(testId, ofTest);
        }

        if (!ofTest.TryGetValue(callSiteId, out CallSiteAccumulator? accumulator))
        {
            accumulator = new CallSiteAccumulator(testId, callSiteId);
            ofTest.Add(callSiteId, accumulator);
            s_accumulators.Add(accumulator);
        }

        s_lastAccumulator = accumulator;
        return accumulator;
    }
}
