using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Vypr.Runtime;
using Vypr.Runtime.Monitoring;

namespace Vypr.Benchmarks;

/// <summary>
/// The online monitor's throughput on one core, in observations (events reaching a specification's monitor), fed
/// through the same router that drained probe records go through. Each operation is one observation
/// (OperationsPerInvoke), so the reported time is the cost per observation and the allocation column is bytes per
/// observation in steady state.
/// </summary>
[MemoryDiagnoser]
[SimpleJob]
public class MonitorThroughputBenchmarks
{
    private const int EventsPerInvocation = 10_000;
    private const int LiveBindings = 10_000;

    private readonly List<CapturedValue> _values = [];
    private CallRecord[] _oneQuantifier = [];
    private InvocationRouter _oneQuantifierRouter = null!;
    private InvocationRouter _twoQuantifierRouter = null!;
    private int[] _sequences = [];
    private CountingSink _sink = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sink = new CountingSink();

        // One quantifier: every call of Write inside Upload takes at most a millisecond.
        Specification oneQuantifier = Specification.For<Workload>(nameof(Workload.Upload))
            .Forall("t", Calls.To<Workload>(nameof(Workload.Write)))
            .Check(t => t.Duration() <= Duration.Milliseconds(1));
        PointInfo[] onePoints = [new PointInfo(1, 1, 1, PointKind.Call, nameof(Workload.Write), typeof(Workload).FullName, null, [])];
        _oneQuantifierRouter = Router(oneQuantifier, onePoints);

        // One invocation per operation batch: Enter, the calls, Exit. The router forgets an invocation at its Exit,
        // so the same records can be replayed.
        _oneQuantifier = new CallRecord[EventsPerInvocation + 2];
        _oneQuantifier[0] = new CallRecord { Kind = RecordKind.Enter, CallSiteId = 1, Scope = 1, Sequence = 1 };
        for (int i = 1; i <= EventsPerInvocation; i++)
        {
            long start = i * 1_000L;
            _oneQuantifier[i] = new CallRecord { Kind = RecordKind.Event, CallSiteId = 1, Scope = 1, Sequence = i + 1, StartTimestamp = start, EndTimestamp = start + 200 + (i % 7) * 400_000 };
        }

        _oneQuantifier[^1] = new CallRecord { Kind = RecordKind.Exit, Scope = 1, Sequence = EventsPerInvocation + 2 };

        // Two quantifiers: for every change of `size`, the next Write after it is fast when the size is small.
        Specification twoQuantifiers = Specification.For<Workload>(nameof(Workload.Upload))
            .Forall("q", Changes.Of("size"))
            .Forall("t", Calls.To<Workload>(nameof(Workload.Write)).After("q"))
            .Check((q, t) => Formula.If(q.Value() < 5_000).Then(t.Duration() <= Duration.Milliseconds(1)));
        PointInfo[] twoPoints =
        [
            new PointInfo(1, 1, 1, PointKind.Change, null, null, "size", ["value"]),
            new PointInfo(2, 1, 2, PointKind.Call, nameof(Workload.Write), typeof(Workload).FullName, null, []),
        ];
        _twoQuantifierRouter = Router(twoQuantifiers, twoPoints);

        // 10,000 invocations in flight (concurrent requests), each holding one binding that waits for its next Write.
        _sequences = new int[LiveBindings + 1];
        for (int scope = 1; scope <= LiveBindings; scope++)
        {
            Take(_twoQuantifierRouter, new CallRecord { Kind = RecordKind.Enter, CallSiteId = 1, Scope = scope, Sequence = ++_sequences[scope] });
            Change(scope, 10);
        }
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvocation + 2, Description = "1 quantifier, duration")]
    public long OneQuantifier()
    {
        CallRecord[] records = _oneQuantifier;
        for (int i = 0; i < records.Length; i++)
        {
            _oneQuantifierRouter.Take(records[i], _values, 1);
        }

        return _sink.Verdicts;
    }

    [Benchmark(OperationsPerInvoke = 2 * LiveBindings, Description = "2 quantifiers, 10,000 live bindings")]
    public long TwoQuantifiers()
    {
        // Each invocation in turn: its Write completes the waiting binding (a verdict), its next change opens another.
        for (int scope = 1; scope <= LiveBindings; scope++)
        {
            int sequence = ++_sequences[scope];
            long start = sequence * 1_000L;
            Take(_twoQuantifierRouter, new CallRecord { Kind = RecordKind.Event, CallSiteId = 2, Scope = scope, Sequence = sequence, StartTimestamp = start, EndTimestamp = start + 500 });
            Change(scope, scope % 10_000);
        }

        return _sink.Verdicts;
    }

    private void Change(int scope, double size)
    {
        int sequence = ++_sequences[scope];
        long at = sequence * 1_000L;
        Take(_twoQuantifierRouter, new CallRecord { Kind = RecordKind.NumberValue, Number = size });
        Take(_twoQuantifierRouter, new CallRecord { Kind = RecordKind.Event, CallSiteId = 1, Scope = scope, Sequence = sequence, StartTimestamp = at, EndTimestamp = at });
    }

    private void Take(InvocationRouter router, in CallRecord record) => router.Take(record, _values, 1);

    private InvocationRouter Router(Specification specification, PointInfo[] points)
    {
        var plan = new FormulaPlan(1, specification);
        plan.AddPointsFrom(points);
        var monitor = new FormulaMonitor(plan, _sink);
        return new InvocationRouter(id => points[id - 1], _ => monitor);
    }

    /// <summary>Counts verdicts, so the benchmark measures the monitor and not what keeps its verdicts.</summary>
    private sealed class CountingSink : IFormulaVerdictSink
    {
        public long Verdicts { get; private set; }

        public void Take(in FormulaVerdict verdict) => Verdicts++;

        // Every binding decided in full: the throughput measured is the monitor's.
        public bool CountSatisfied(ScopeInvocation invocation, int pointCallSiteId, long durationNanoseconds, bool threw) => false;
    }

    /// <summary>Stands for the scoped method and the method it calls; only the names matter here.</summary>
    public sealed class Workload
    {
        public void Upload()
        {
        }

        public void Write()
        {
        }
    }
}
