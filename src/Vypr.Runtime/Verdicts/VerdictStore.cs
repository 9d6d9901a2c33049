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
    private static readonly List<CallSiteAccumulator> s_accumulators = [];

    // Each test's record at its ID: test IDs are TestScope's, 1, 2, 3 ... in the order tests begin, and 0 for calls
    // outside any test. An array, not dictionaries keyed by test: a test's start, verdicts, statistics and end each
    // found by an index, nothing rehashed as the run grows, and no dictionary allocated per test for its statistics.
    private static TestRecord?[] s_tests = new TestRecord?[64];
    private static int s_startedTests;
    private static CallSiteAccumulator? s_lastAccumulator;

    /// <summary>How many verdicts the run has kept; the next verdict's ID is one more.</summary>
    public static int Count => s_verdicts.Count;

    public static void Add(VerdictInfo verdict)
    {
        s_verdicts.Add(verdict);
        TestRecord test = Record(verdict.TestId);
        (test.Verdicts ??= []).Add(verdict);
    }

    /// <summary>The verdicts kept since the count was <paramref name="firstNew"/>.</summary>
    public static List<VerdictInfo> Since(int firstNew) => s_verdicts.GetRange(firstNew, s_verdicts.Count - firstNew);

    public static VerdictInfo[] All() => s_verdicts.ToArray();

    public static VerdictInfo[] Of(int testId) =>
        RecordOrNull(testId)?.Verdicts is { } verdicts ? verdicts.ToArray() : [];

    // Calls come in runs from the same test and call site: remember the last accumulator to skip the lookup.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CallSiteAccumulator Accumulator(int testId, int callSiteId)
    {
        CallSiteAccumulator? last = s_lastAccumulator;
        return last is not null && last.TestId == testId && last.CallSiteId == callSiteId ? last : AccumulatorOf(testId, callSiteId);
    }

    /// <summary>Every test's statistics, by test and call site.</summary>
    public static CallSiteSummary[] Summaries()
    {
        var summaries = new CallSiteSummary[s_accumulators.Count];
        for (int i = 0; i < summaries.Length; i++)
        {
            summaries[i] = s_accumulators[i].ToSummary();
        }

        Array.Sort(summaries, static (a, b) => a.TestId != b.TestId ? a.TestId.CompareTo(b.TestId) : a.CallSiteId.CompareTo(b.CallSiteId));
        return summaries;
    }

    /// <summary>The statistics of the test <paramref name="testId"/>, by call site.</summary>
    public static CallSiteSummary[] SummariesOf(int testId) => RecordOrNull(testId)?.Summaries() ?? [];

    public static void TestStarted(int testId, string name, DateTimeOffset startedAt)
    {
        TestRecord test = Record(testId);
        if (!test.Started)
        {
            s_startedTests++;
        }

        test.Start(name, startedAt);
    }

    public static void TestEnded(int testId, DateTimeOffset endedAt, string? outcome, TestMeasurements? measurements)
    {
        if (RecordOrNull(testId) is { Started: true } test)
        {
            test.End(endedAt, outcome is null ? null : TextLimits.Clip(ResultsText.Clean(outcome)!, TextLimits.Short), measurements);
        }
    }

    /// <summary>The run's tests, by ID.</summary>
    public static List<TestInfo> Tests()
    {
        var tests = new List<TestInfo>(s_startedTests);
        foreach (TestRecord? test in s_tests)
        {
            if (test is { Started: true })
            {
                tests.Add(test.ToInfo());
            }
        }

        return tests;
    }

    /// <summary>The name of the test <paramref name="testId"/>, or null when no test began with that ID.</summary>
    public static string? NameOf(int testId) => RecordOrNull(testId) is { Started: true } test ? test.Name : null;

    private static TestRecord? RecordOrNull(int testId) =>
        (uint)testId < (uint)s_tests.Length ? s_tests[testId] : null;

    private static TestRecord Record(int testId)
    {
        if (testId < 0)
        {
            // Test IDs come from TestScope only; a negative one is a defect, not input to tolerate.
            throw new ArgumentOutOfRangeException(nameof(testId), testId, "Test IDs are 0 (no test) or positive.");
        }

        if (testId >= s_tests.Length)
        {
            Array.Resize(ref s_tests, Math.Max(testId + 1, s_tests.Length * 2));
        }

        return s_tests[testId] ??= new TestRecord(testId);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CallSiteAccumulator AccumulatorOf(int testId, int callSiteId)
    {
        CallSiteAccumulator accumulator = Record(testId).Accumulator(callSiteId, out bool created);
        if (created)
        {
            s_accumulators.Add(accumulator);
        }

        s_lastAccumulator = accumulator;
        return accumulator;
    }
}
