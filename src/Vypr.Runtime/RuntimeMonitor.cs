using System;
using System.Collections.Generic;
using System.Threading;
using Vypr.Contracts;

namespace Vypr.Runtime;

/// <summary>
/// Turns the calls that probes recorded into verdicts. The monitor drains every thread's buffer (in the
/// background, when a buffer fills, and whenever verdicts are asked for), checks each call against its
/// specification and keeps the verdicts of the run, indexed by test.
/// </summary>
public static class RuntimeMonitor
{
    private static readonly TimeSpan s_backgroundDrainPeriod = TimeSpan.FromMilliseconds(100);

    private static readonly Lock s_lock = new();
    private static readonly List<VerdictInfo> s_verdicts = [];
    private static readonly Dictionary<int, List<VerdictInfo>> s_verdictsByTest = [];
    private static readonly Dictionary<int, TestInfo> s_tests = [];
    private static readonly Dictionary<(int TestId, int CallSiteId), CallSiteAccumulator> s_accumulators = [];
    private static readonly List<IVerdictSink> s_sinks = [];
    private static readonly List<string> s_conditions = [];
    private static readonly CallRecordSink s_evaluate = Evaluate;

    private static ThreadCallBuffer[] s_buffers = [];
    private static Timer? s_backgroundDrain;

    /// <summary>This process's run: one per test assembly execution.</summary>
    public static Guid RunId { get; } = Guid.NewGuid();

    /// <summary>Whether probes record calls in this process (see <see cref="Probe.IsEnabled"/>).</summary>
    public static bool IsEnabled => Probe.IsEnabled;

    /// <summary>Adds a sink that receives every verdict decided from now on.</summary>
    /// <param name="sink">The sink.</param>
    public static void AddSink(IVerdictSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (s_lock)
        {
            s_sinks.Add(sink);
        }
    }

    /// <summary>Drains every probe buffer now, so that every call completed before this point has its verdict.</summary>
    public static void Drain()
    {
        lock (s_lock)
        {
            DrainLocked();
        }
    }

    /// <summary>Everything the run has produced so far: specifications, call sites, tests and verdicts.</summary>
    /// <param name="assembly">The name of the test assembly the run belongs to.</param>
    /// <returns>A consistent snapshot, taken after draining every buffer.</returns>
    public static RunDocument Snapshot(string assembly)
    {
        lock (s_lock)
        {
            DrainLocked();
            var tests = new List<TestInfo>(s_tests.Values);
            tests.Sort(static (a, b) => a.Id.CompareTo(b.Id));
            return new RunDocument(
                RunDocument.CurrentSchema,
                RunEnvironment.Describe(RunId, assembly, RunClock.Started, DateTimeOffset.UtcNow),
                MonitorRegistry.Specifications,
                MonitorRegistry.CallSites,
                tests,
                s_verdicts.ToArray())
            {
                Summaries = SummariesLocked(static _ => true),
            };
        }
    }

    internal static IReadOnlyList<CallSiteSummary> SummariesOf(int testId)
    {
        lock (s_lock)
        {
            DrainLocked();
            return SummariesLocked(key => key.TestId == testId);
        }
    }

    private static CallSiteSummary[] SummariesLocked(Func<(int TestId, int CallSiteId), bool> include)
    {
        var summaries = new List<CallSiteSummary>();
        foreach (KeyValuePair<(int TestId, int CallSiteId), CallSiteAccumulator> entry in s_accumulators)
        {
            if (include(entry.Key))
            {
                summaries.Add(entry.Value.ToSummary());
            }
        }

        summaries.Sort(static (a, b) => a.TestId != b.TestId ? a.TestId.CompareTo(b.TestId) : a.CallSiteId.CompareTo(b.CallSiteId));
        return summaries.ToArray();
    }

    internal static IReadOnlyList<VerdictInfo> VerdictsOf(int testId)
    {
        lock (s_lock)
        {
            DrainLocked();
            return s_verdictsByTest.TryGetValue(testId, out List<VerdictInfo>? verdicts) ? verdicts.ToArray() : [];
        }
    }

    internal static void TestStarted(TestInfo test)
    {
        lock (s_lock)
        {
            s_tests[test.Id] = test;
        }
    }

    internal static void TestEnded(int testId, DateTimeOffset endedAt, string? outcome)
    {
        lock (s_lock)
        {
            if (s_tests.TryGetValue(testId, out TestInfo? test))
            {
                s_tests[testId] = test with { EndedAt = endedAt, Outcome = outcome };
            }
        }
    }

    internal static void Register(ThreadCallBuffer buffer)
    {
        lock (s_lock)
        {
            Volatile.Write(ref s_buffers, [.. s_buffers, buffer]);
            s_backgroundDrain ??= new Timer(static _ => Drain(), null, s_backgroundDrainPeriod, s_backgroundDrainPeriod);
        }
    }

    // A writer whose ring is full drains everything itself: it waits only as long as one drain takes, and no
    // call is ever dropped.
    internal static void DrainBecauseBufferIsFull() => Drain();

    private static void DrainLocked()
    {
        int firstNew = s_verdicts.Count;
        ThreadCallBuffer[] buffers = Volatile.Read(ref s_buffers);
        bool anyRetired = false;
        foreach (ThreadCallBuffer buffer in buffers)
        {
            buffer.DrainTo(s_evaluate);
            anyRetired |= buffer.IsRetired;
        }

        if (anyRetired)
        {
            Volatile.Write(ref s_buffers, Array.FindAll(buffers, static b => !b.IsRetired));
        }

        if (s_sinks.Count > 0 && s_verdicts.Count > firstNew)
        {
            List<VerdictInfo> fresh = s_verdicts.GetRange(firstNew, s_verdicts.Count - firstNew);
            foreach (IVerdictSink sink in s_sinks)
            {
                sink.Publish(fresh);
            }
        }
    }

    private static void Evaluate(in CallRecord record, int threadId)
    {
        CallSiteInfo site = MonitorRegistry.CallSite(record.CallSiteId);
        SpecificationInfo specification = MonitorRegistry.Specification(site.SpecificationId);
        long duration = RunClock.Nanoseconds(record.StartTimestamp, record.EndTimestamp);
        bool satisfied = duration <= specification.BoundNanoseconds;

        if (!s_accumulators.TryGetValue((record.TestId, site.Id), out CallSiteAccumulator? accumulator))
        {
            accumulator = new CallSiteAccumulator(record.TestId, site.Id);
            s_accumulators.Add((record.TestId, site.Id), accumulator);
        }

        accumulator.Add(duration, satisfied, record.Threw);
        if (satisfied)
        {
            if (accumulator.KeptSatisfied >= VerdictRetention.SatisfiedPerSite)
            {
                return;
            }

            accumulator.KeptSatisfied++;
        }

        var observation = new ObservationInfo("duration", duration, "ns", ConditionOf(specification), satisfied);
        var verdict = new VerdictInfo(
            s_verdicts.Count + 1,
            specification.Id,
            site.Id,
            record.TestId,
            threadId,
            RunClock.ToWallClock(record.StartTimestamp),
            duration,
            satisfied,
            specification.BoundNanoseconds - duration,
            record.Threw,
            [observation]);

        s_verdicts.Add(verdict);
        if (!s_verdictsByTest.TryGetValue(record.TestId, out List<VerdictInfo>? ofTest))
        {
            ofTest = [];
            s_verdictsByTest.Add(record.TestId, ofTest);
        }

        ofTest.Add(verdict);
    }

    private static string ConditionOf(SpecificationInfo specification)
    {
        while (s_conditions.Count < specification.Id)
        {
            SpecificationInfo next = MonitorRegistry.Specification(s_conditions.Count + 1);
            s_conditions.Add("<= " + DurationText.FormatNanoseconds(next.BoundNanoseconds));
        }

        return s_conditions[specification.Id - 1];
    }
}
