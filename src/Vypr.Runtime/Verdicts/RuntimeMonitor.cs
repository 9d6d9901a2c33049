using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Vypr.Contracts;
using Vypr.Runtime.Monitoring;

namespace Vypr.Runtime;

/// <summary>
/// Turns the calls that probes recorded into verdicts. The monitor drains every thread's buffer (in the
/// background, when a buffer fills, and whenever verdicts are asked for), checks each call against its
/// specification and keeps the verdicts of the run, indexed by test.
/// </summary>
/// <remarks>
/// <para>
/// The facade of the verdict stage, which is split by job: <see cref="MaxDurationChecker"/> checks
/// <c>[MaxDuration]</c> calls, the <see cref="InvocationRouter"/> and its <see cref="FormulaMonitor"/>s evaluate
/// fluent specifications and <see cref="FormulaVerdictTranslator"/> turns what they decide into verdicts,
/// <see cref="VerdictStore"/> keeps verdicts, tests and statistics, <see cref="VerdictPublisher"/> hands new
/// verdicts to the sinks.
/// </para>
/// <para>
/// Thread model: there is one lock, the drain lock held here. Draining takes it: the background timer, a probe
/// whose thread's ring is full (it drains only its own ring), and every reader of verdicts (a test's report, a
/// snapshot). Everything behind the drain (the checker, the router and every formula monitor, the translator,
/// the store, the publisher and the sinks' <c>Publish</c>) runs only under this lock, which is why none of them
/// synchronises on its own. Probes never take it on their hot path; they publish records through their ring.
/// </para>
/// </remarks>
public static class RuntimeMonitor
{
    private static readonly TimeSpan s_backgroundDrainPeriod = TimeSpan.FromMilliseconds(100);

    private static readonly Lock s_lock = new();
    private static readonly InvocationRouter s_router = new(MonitorRegistry.Point, CreateFormulaMonitor, static () => MonitorRegistry.Points);
    private static readonly FormulaVerdictTranslator s_formulaVerdicts = new();

    private static ThreadCallBuffer[] s_buffers = [];
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
            VerdictPublisher.Add(sink);
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
            return new RunDocument(
                RunDocument.CurrentSchema,
                RunEnvironment.Describe(RunId, assembly, RunClock.Started, DateTimeOffset.UtcNow),
                MonitorRegistry.Specifications,
                MonitorRegistry.CallSites,
                VerdictStore.Tests(),
                VerdictStore.All())
            {
                Summaries = VerdictStore.Summaries(),
            };
        }
    }

    /// <summary>
    /// The warning for invocations of scoped methods whose records are still arriving after a drain (see
    /// <see cref="InvocationRouter.Open"/>): empty when every invocation was recorded to its end.
    /// </summary>
    /// <param name="testId">Only those the test began; all when null.</param>
    /// <returns>The warning's lines.</returns>
    internal static IReadOnlyList<string> OpenInvocationWarning(int? testId)
    {
        lock (s_lock)
        {
            DrainLocked();
            return OpenInvocationWarningLocked(testId);
        }
    }

    /// <summary>
    /// What a test's report needs, from one drain: its verdicts, its statistics and the warning for its open
    /// invocations (see <see cref="VerdictsOf"/>, <see cref="SummariesOf"/>, <see cref="OpenInvocationWarning"/>).
    /// Each test ends with this call; one drain instead of three is a third of the drain work at every test's end.
    /// </summary>
    /// <param name="testId">The test.</param>
    /// <param name="verdicts">Its verdicts.</param>
    /// <param name="summaries">Its statistics, by call site.</param>
    /// <returns>The warning's lines; empty when every invocation it began was recorded to its end.</returns>
    internal static IReadOnlyList<string> ReportOf(int testId, out VerdictInfo[] verdicts, out CallSiteSummary[] summaries)
    {
        lock (s_lock)
        {
            DrainLocked();
            verdicts = VerdictStore.Of(testId);
            summaries = VerdictStore.SummariesOf(testId);
            return OpenInvocationWarningLocked(testId);
        }
    }

    private static IReadOnlyList<string> OpenInvocationWarningLocked(int? testId)
    {
        List<OpenInvocation> open = s_router.Open(testId);
        if (open.Count == 0)
        {
            return [];
        }

        return OpenInvocationText.Lines(open, VerdictStore.NameOf);
    }

    internal static IReadOnlyList<CallSiteSummary> SummariesOf(int testId)
    {
        lock (s_lock)
        {
            DrainLocked();
            return VerdictStore.SummariesOf(testId);
        }
    }

    internal static IReadOnlyList<VerdictInfo> VerdictsOf(int testId)
    {
        lock (s_lock)
        {
            DrainLocked();
            return VerdictStore.Of(testId);
        }
    }

    internal static void TestStarted(int testId, string name, DateTimeOffset startedAt)
    {
        lock (s_lock)
        {
            VerdictStore.TestStarted(testId, name, startedAt);
        }
    }

    internal static void TestEnded(int testId, DateTimeOffset endedAt, string? outcome, TestMeasurements? measurements)
    {
        lock (s_lock)
        {
            VerdictStore.TestEnded(testId, endedAt, outcome, measurements);
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
            int firstNew = VerdictStore.Count;
            var evaluator = default(Evaluator);
            buffer.DrainTo(ref evaluator);
            VerdictPublisher.PublishSince(firstNew);
        }
    }

    private static void DrainLocked()
    {
        int firstNew = VerdictStore.Count;
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

        VerdictPublisher.PublishSince(firstNew);
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

    /// <summary>
    /// Sends each drained record to its job: a call to the <c>[MaxDuration]</c> checker, an event or value of a
    /// fluent specification to the router. A struct so the drain loop is specialised and inlined.
    /// </summary>
    private struct Evaluator : ICallRecordSink
    {
        // The site and statistics of the drain's last [MaxDuration] call (a drain is one ring's records, usually runs
        // of calls from one test and site).
        private MaxDurationChecker.LastSite _lastSite;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Take(in CallRecord record, ThreadCallBuffer buffer, int slot)
        {
            if (record.Kind == RecordKind.Call)
            {
                MaxDurationChecker.Check(ref _lastSite, record, buffer.ThreadId);
            }
            else
            {
                object? text = record.Kind == RecordKind.TextValue ? buffer.TakeReference(slot) : null;
                s_router.Take(record, buffer.PendingValues, buffer.ThreadId, text);
            }
        }
    }
}
