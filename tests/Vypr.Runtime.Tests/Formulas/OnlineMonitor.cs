using System;
using System.Collections.Generic;
using System.Linq;
using Vypr.Runtime.Monitoring;

namespace Vypr.Runtime.Tests.Formulas;

/// <summary>
/// Drives the real online monitor (router, plan, bindings) with a recorded trace, the way probes would: each
/// invocation's events are written as records into a few simulated threads' rings (values before their event), and
/// the rings are drained in a random interleaving, so events reach the router out of order and must be put back.
/// Or, <c>inOnePiece</c>, the way a synchronous scoped method's records usually arrive: each invocation's records
/// back to back in one ring, rings drained one after the other (the router's and monitor's path that keeps the
/// newest invocation out of their tables).
/// </summary>
internal static class OnlineMonitor
{
    private const int Rings = 3;

    public static IReadOnlyList<ExpectedVerdict> Run(Trace trace) => Run(trace, seed: trace.Events.Count);

    /// <param name="trace">The trace.</param>
    /// <param name="seed">Chooses the rings and the drain's interleaving.</param>
    /// <param name="inOnePiece">Each invocation's records back to back in one ring.</param>
    /// <param name="untimedEntry">
    /// Record what a scoped call site records when no specification reads the scoped call's own time
    /// (<see cref="Probe.TimesScope"/>): its Enter record holds <see cref="Probe.Untimed"/> and the scoped call's own
    /// event (the last of each invocation) is not written.
    /// </param>
    public static IReadOnlyList<ExpectedVerdict> Run(Trace trace, int seed, bool inOnePiece = false, bool untimedEntry = false)
    {
        var random = new Random(seed);
        PointInfo[] points = trace.Points
            .Select(p => new PointInfo(p.Id, 1, p.Id, p.Kind, p.Method, p.DeclaringType, p.Variable, p.Captures))
            .ToArray();
        var plan = new FormulaPlan(1, trace.Specification);
        plan.AddPointsFrom(points);
        var sink = new Collector();
        var monitor = new FormulaMonitor(plan, sink);
        var router = new InvocationRouter(id => points[id - 1], _ => monitor);

        // Every invocation begins with an Enter record (position 1), so trace positions shift by one.
        var rings = new List<(CallRecord Record, object? Text)>[Rings];
        for (int r = 0; r < Rings; r++)
        {
            rings[r] = [];
        }

        int enterPoint = (points.FirstOrDefault(p => p.Kind == PointKind.ScopeCall) ?? points[0]).Id;
        var lastSequence = new Dictionary<long, int>();
        var entered = new HashSet<long>();
        var ringOf = new Dictionary<long, List<(CallRecord, object?)>>();
        Dictionary<long, int> lengths = trace.Events.GroupBy(e => e.Invocation).ToDictionary(g => g.Key, g => g.Count());
        IEnumerable<TraceEvent> events = inOnePiece ? trace.Events.GroupBy(e => e.Invocation).SelectMany(g => g) : trace.Events;
        foreach (TraceEvent e in events)
        {
            List<(CallRecord, object?)> ring = inOnePiece
                ? ringOf.TryGetValue(e.Invocation, out List<(CallRecord, object?)>? chosen) ? chosen : ringOf[e.Invocation] = rings[random.Next(Rings)]
                : rings[random.Next(Rings)];
            int scope = checked((int)e.Invocation);
            if (entered.Add(e.Invocation))
            {
                long entry = untimedEntry ? Probe.Untimed : e.Start;
                ring.Add((new CallRecord { Kind = RecordKind.Enter, CallSiteId = enterPoint, Scope = scope, Sequence = 1, StartTimestamp = entry, EndTimestamp = entry, TestId = 7 }, null));
            }

            if (untimedEntry && points[e.Point - 1].Kind == PointKind.ScopeCall)
            {
                // The scoped call's own event is its invocation's last: the exit takes its position.
                lastSequence[e.Invocation] = e.Seq;
                if (inOnePiece)
                {
                    ring.Add((new CallRecord { Kind = RecordKind.Exit, Scope = scope, Sequence = e.Seq + 1 }, null));
                }

                continue;
            }

            foreach (object? value in e.Values)
            {
                ring.Add(value switch
                {
                    double number => (new CallRecord { Kind = RecordKind.NumberValue, Number = number }, null),
                    string text => (new CallRecord { Kind = RecordKind.TextValue }, text),
                    null => (new CallRecord { Kind = RecordKind.TextValue }, null),
                    _ => throw new ArgumentException("trace values are doubles, strings or null, not " + value.GetType()),
                });
            }

            ring.Add((new CallRecord { Kind = RecordKind.Event, CallSiteId = e.Point, Scope = scope, Sequence = e.Seq + 1, StartTimestamp = e.Start, EndTimestamp = e.End, Threw = e.Threw }, null));
            lastSequence[e.Invocation] = e.Seq + 1;
            if (inOnePiece && e.Seq == lengths[e.Invocation])
            {
                ring.Add((new CallRecord { Kind = RecordKind.Exit, Scope = scope, Sequence = e.Seq + 2 }, null));
            }
        }

        foreach ((long invocation, int last) in lastSequence)
        {
            if (!inOnePiece)
            {
                rings[random.Next(Rings)].Add((new CallRecord { Kind = RecordKind.Exit, Scope = checked((int)invocation), Sequence = last + 1 }, null));
            }
        }

        // Drain the rings in random chunks, each ring in its own order, as the monitor drains threads' buffers.
        var positions = new int[Rings];
        var pending = new List<CapturedValue>[Rings];
        for (int r = 0; r < Rings; r++)
        {
            pending[r] = [];
        }

        while (Enumerable.Range(0, Rings).Any(r => positions[r] < rings[r].Count))
        {
            int ring = inOnePiece ? Enumerable.Range(0, Rings).First(r => positions[r] < rings[r].Count) : random.Next(Rings);
            int chunk = inOnePiece ? int.MaxValue : 1 + random.Next(8);
            for (int i = 0; i < chunk && positions[ring] < rings[ring].Count; i++)
            {
                (CallRecord record, object? text) = rings[ring][positions[ring]++];
                router.Take(record, pending[ring], ring + 1, text);
            }
        }

        if (router.OpenInvocations != 0 || monitor.OpenInvocations != 0)
        {
            throw new InvalidOperationException($"{router.OpenInvocations} invocations still open in the router, {monitor.OpenInvocations} in the monitor after every Exit");
        }

        return sink.Verdicts
            .OrderBy(v => v.Invocation)
            .ThenBy(v => v.SlotSeqs, SequenceComparer.Instance)
            .ToList();
    }

    private sealed class Collector : IFormulaVerdictSink
    {
        public List<ExpectedVerdict> Verdicts { get; } = [];

        public void Take(in FormulaVerdict verdict) => Verdicts.Add(new ExpectedVerdict(
            verdict.Invocation.Scope,
            verdict.Binding.Slots.Select(s => s.Sequence - 1).ToArray(),
            verdict.Value,
            verdict.DecidingAtom,
            verdict.ObservedAtoms.ToArray(),
            verdict.Severity));

        // Every verdict in full: the reference evaluator has no notion of retention.
        public bool CountSatisfied(ScopeInvocation invocation, int pointCallSiteId, long durationNanoseconds, bool threw) => false;
    }

    private sealed class SequenceComparer : IComparer<IReadOnlyList<int>>
    {
        public static readonly SequenceComparer Instance = new();

        public int Compare(IReadOnlyList<int>? x, IReadOnlyList<int>? y)
        {
            for (int i = 0; i < Math.Min(x!.Count, y!.Count); i++)
            {
                int order = x[i].CompareTo(y[i]);
                if (order != 0)
                {
                    return order;
                }
            }

            return x.Count.CompareTo(y.Count);
        }
    }
}
