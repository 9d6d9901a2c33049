using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Vypr.Contracts;
using Vypr.Formulas;
using Vypr.Runtime.Monitoring;

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

    private static readonly InvocationRouter s_router = new(MonitorRegistry.Point, CreateFormulaMonitor);
    private static readonly FormulaVerdicts s_formulaVerdicts = new();

    private static ThreadCallBuffer[] s_buffers = [];
    private static CallSiteAccumulator? s_lastAccumulator;

    // Indexed by call site ID (slot 0 unused); grown under the lock when a new site shows up, read only under it.
    private static SiteState[] s_siteStates = [];
    private static Timer? s_backgroundDrain;

    /// <summary>This process's run: one per test assembly execution.</summary>
    public static Guid RunId { get; } = Guid.NewGuid();

    /// <summary>Whether probes record calls in this process (see <see cref="Probe.IsEnabled"/>).</summary>
    public static bool IsEnabled => Probe.IsEnabled;

    /// <summary>Adds a sink that receives every verdict decided from now on.</summary>
    /// <param name="sink">The sink.</param>
    internal static void AddSink(IVerdictSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (s_lock)
        {
            s_sinks.Add(sink);
        }
    }

    /// <summary>Drains every probe buffer now, so that every call completed before this point has its verdict.</summary>
    internal static void Drain()
    {
        lock (s_lock)
        {
            DrainLocked();
        }
    }

    /// <summary>Everything the run has produced so far: specifications, call sites, tests and verdicts.</summary>
    /// <param name="assembly">The name of the test assembly the run belongs to.</param>
    /// <returns>A consistent snapshot, taken after draining every buffer.</returns>
    internal static RunDocument Snapshot(string assembly)
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
        // The first monitored call on a thread: a process that no test framework opened still gets its results at exit.
        Runs.MonitoredRun.EnsureStarted();
        lock (s_lock)
        {
            Volatile.Write(ref s_buffers, [.. s_buffers, buffer]);
            s_backgroundDrain ??= new Timer(static _ => Drain(), null, s_backgroundDrainPeriod, s_backgroundDrainPeriod);
        }
    }

    // A writer whose ring is full drains it itself, on its own core where the records are still in cache: no call
    // is dropped, and a tight loop of monitored calls pays one cheap evaluation per call instead of cross-core
    // cache traffic with a drainer thread. Other threads' rings are left to the background drain.
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void DrainBecauseBufferIsFull(ThreadCallBuffer buffer)
    {
        lock (s_lock)
        {
            int firstNew = s_verdicts.Count;
            var evaluator = default(Evaluator);
            buffer.DrainTo(ref evaluator);
            PublishLocked(firstNew);
        }
    }

    private static void DrainLocked()
    {
        int firstNew = s_verdicts.Count;
        ThreadCallBuffer[] buffers = Volatile.Read(ref s_buffers);
        bool anyRetired = false;
        foreach (ThreadCallBuffer buffer in buffers)
        {
            var evaluator = default(Evaluator);
            buffer.DrainTo(ref evaluator);
            anyRetired |= buffer.IsRetired;
        }

        if (anyRetired)
        {
            Volatile.Write(ref s_buffers, Array.FindAll(buffers, static b => !b.IsRetired));
        }

        PublishLocked(firstNew);
    }

    private static void PublishLocked(int firstNew)
    {
        if (s_sinks.Count > 0 && s_verdicts.Count > firstNew)
        {
            List<VerdictInfo> fresh = s_verdicts.GetRange(firstNew, s_verdicts.Count - firstNew);
            foreach (IVerdictSink sink in s_sinks)
            {
                // This may run on a user's thread (its ring was full): a failing sink must not break user code.
                try
                {
                    sink.Publish(fresh);
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine($"vypr: verdict sink {sink.GetType().Name} failed and missed {fresh.Count} verdicts: {e.Message}");
                }
            }
        }
    }

    // The common case, a satisfied call beyond the retention limit, only updates statistics: keep it small
    // enough to inline into the drain loop.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Evaluate(in CallRecord record, int threadId)
    {
        SiteState[] sites = s_siteStates;
        SiteState site = (uint)record.CallSiteId < (uint)sites.Length ? sites[record.CallSiteId] : SiteStateOf(record.CallSiteId);
        long duration = RunClock.Nanoseconds(record.StartTimestamp, record.EndTimestamp);
        bool satisfied = duration <= site.BoundNanoseconds;

        CallSiteAccumulator accumulator = Accumulator(record.TestId, record.CallSiteId);

        accumulator.Add(duration, satisfied, record.Threw);
        if (!satisfied || accumulator.KeptSatisfied < VerdictRetention.SatisfiedPerSite)
        {
            Keep(record, threadId, site, duration, satisfied, accumulator);
        }
    }

    // Calls come in runs from the same test and call site: remember the last accumulator to skip the lookup.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static CallSiteAccumulator Accumulator(int testId, int callSiteId)
    {
        CallSiteAccumulator? last = s_lastAccumulator;
        return last is not null && last.TestId == testId && last.CallSiteId == callSiteId ? last : AccumulatorOf(testId, callSiteId);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CallSiteAccumulator AccumulatorOf(int testId, int callSiteId)
    {
        if (!s_accumulators.TryGetValue((testId, callSiteId), out CallSiteAccumulator? accumulator))
        {
            accumulator = new CallSiteAccumulator(testId, callSiteId);
            s_accumulators.Add((testId, callSiteId), accumulator);
        }

        s_lastAccumulator = accumulator;
        return accumulator;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Keep(in CallRecord record, int threadId, SiteState site, long duration, bool satisfied, CallSiteAccumulator accumulator)
    {
        if (satisfied)
        {
            accumulator.KeptSatisfied++;
        }

        var observation = new ObservationInfo("duration", duration, "ns", site.Condition, satisfied);
        var verdict = new VerdictInfo(
            s_verdicts.Count + 1,
            site.SpecificationId,
            record.CallSiteId,
            record.TestId,
            threadId,
            RunClock.ToWallClock(record.StartTimestamp),
            duration,
            satisfied,
            site.BoundNanoseconds - duration,
            record.Threw,
            [observation]);

        Add(verdict);
    }

    private static void Add(VerdictInfo verdict)
    {
        s_verdicts.Add(verdict);
        if (!s_verdictsByTest.TryGetValue(verdict.TestId, out List<VerdictInfo>? ofTest))
        {
            ofTest = [];
            s_verdictsByTest.Add(verdict.TestId, ofTest);
        }

        ofTest.Add(verdict);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SiteState SiteStateOf(int callSiteId)
    {
        SiteState[] sites = s_siteStates;
        IReadOnlyList<CallSiteInfo> registered = MonitorRegistry.CallSites;
        var grown = new SiteState[Math.Max(callSiteId, registered.Count) + 1];
        Array.Copy(sites, grown, sites.Length);
        for (int id = Math.Max(sites.Length, 1); id < grown.Length; id++)
        {
            SpecificationInfo specification = MonitorRegistry.Specification(registered[id - 1].SpecificationId);
            grown[id] = new SiteState(specification.Id, specification.BoundNanoseconds, "<= " + DurationText.FormatNanoseconds(specification.BoundNanoseconds));
        }

        s_siteStates = grown;
        return grown[callSiteId];
    }

    private static FormulaMonitor? CreateFormulaMonitor(int specificationId)
    {
        if (MonitorRegistry.Formula(specificationId) is not { } specification)
        {
            return null;
        }

        var plan = new FormulaPlan(specificationId, specification);
        plan.AddPointsFrom(MonitorRegistry.Points);
        return new FormulaMonitor(plan, s_formulaVerdicts);
    }

    // A decided binding of a fluent specification: statistics always, a kept verdict under the same retention as calls.
    private static void Keep(in FormulaVerdict decided)
    {
        FormulaBinding binding = decided.Binding;
        FormulaPlan plan = decided.Plan;
        int site = decided.Invocation.CallSiteId != 0 ? decided.Invocation.CallSiteId : binding.Slots[0].CallSite;
        int testId = decided.Invocation.TestId;
        int firstCall = plan.FirstCallSlot;
        long duration = firstCall < 0 ? 0 : RunClock.Nanoseconds(binding.Slots[firstCall].Start, binding.Slots[firstCall].End);
        bool threw = binding.Slots[0].Threw;

        CallSiteAccumulator accumulator = Accumulator(testId, site);

        accumulator.Add(duration, decided.Value, threw);
        if (decided.Value && accumulator.KeptSatisfied >= VerdictRetention.SatisfiedPerSite)
        {
            return;
        }

        if (decided.Value)
        {
            accumulator.KeptSatisfied++;
        }

        // The deciding observation comes first, as for every verdict; the others follow in the order they were applied.
        var observations = new ObservationInfo[decided.ObservedAtoms.Length];
        observations[0] = Observation(plan, plan.Atoms[decided.DecidingAtom], binding);
        for (int i = 0, at = 1; i < decided.ObservedAtoms.Length - 1; i++)
        {
            observations[at++] = Observation(plan, plan.Atoms[decided.ObservedAtoms[i]], binding);
        }

        var verdict = new VerdictInfo(
            s_verdicts.Count + 1,
            plan.SpecificationId,
            site,
            testId,
            decided.ThreadId,
            RunClock.ToWallClock(decided.Invocation.StartTimestamp),
            duration,
            decided.Value,
            decided.Severity,
            threw,
            observations);
        Add(verdict);
    }

    private static ObservationInfo Observation(FormulaPlan plan, AtomPlan atom, FormulaBinding binding)
    {
        bool satisfied = FormulaMath.Observe(plan, atom, binding, out _);
        CapturedValue left = FormulaMath.Term(plan, atom.Left, binding);
        string condition = atom.Atom.Condition;
        if (atom.Right >= 0 && atom.Atom.Right is not ConstantTerm)
        {
            condition += " (= " + FormulaMath.Term(plan, atom.Right, binding) + ")";
        }

        if (left.Kind != ValueKind.Number)
        {
            condition += " (observed " + left + ")";
        }

        // The observation happened when the last event it reads was recorded: that event's call site explains it.
        int latest = -1;
        ulong mask = atom.SlotMask;
        for (int slot = 0; mask != 0; slot++, mask >>= 1)
        {
            if ((mask & 1) != 0 && (latest < 0 || binding.Slots[slot].Sequence > binding.Slots[latest].Sequence))
            {
                latest = slot;
            }
        }

        // A non-finite number (q.Value() / 0) is a legal observation: the results format carries it as "NaN",
        // "Infinity" or "-Infinity". A captured text reaches the results only through the condition, cleaned of
        // what the format cannot carry (NUL, unpaired surrogates).
        return new ObservationInfo(
            atom.Atom.Left.ToString()!,
            left.Kind == ValueKind.Number ? left.Number : 0,
            UnitOf(atom.Atom.Left, left),
            ResultsText.Clean(condition)!,
            satisfied,
            latest < 0 ? 0 : binding.Slots[latest].CallSite);
    }

    // Durations are in nanoseconds; other values name what they are, since an observation always carries a unit.
    private static string UnitOf(Term term, CapturedValue value) => term switch
    {
        { IsDuration: true } => "ns",
        MeasuredTerm { Length: true } => "count",
        _ when value.Kind == ValueKind.Text => "text",
        _ => "number",
    };

    /// <summary>Hands decided bindings of fluent specifications to <see cref="Keep(in FormulaVerdict)"/>.</summary>
    private sealed class FormulaVerdicts : IFormulaVerdictSink
    {
        public void Take(in FormulaVerdict verdict) => Keep(verdict);
    }

    /// <summary>Evaluates drained records; a struct so the drain loop is specialised and inlined.</summary>
    private struct Evaluator : ICallRecordSink
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Take(in CallRecord record, ThreadCallBuffer buffer, int slot)
        {
            if (record.Kind == RecordKind.Call)
            {
                Evaluate(record, buffer.ThreadId);
            }
            else
            {
                object? text = record.Kind == RecordKind.TextValue ? buffer.TakeReference(slot) : null;
                s_router.Take(record, buffer.PendingValues, buffer.ThreadId, text);
            }
        }
    }

    /// <summary>What evaluating a call at one site needs, resolved once.</summary>
    private sealed record SiteState(int SpecificationId, long BoundNanoseconds, string Condition);

}
