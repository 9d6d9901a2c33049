using System;
using System.Collections.Generic;
using Vypr.Runtime.Monitoring;
using Xunit;

namespace Vypr.Runtime.Tests.Formulas;

/// <summary>A scoped method that loops a million times must not make the monitor grow with it.</summary>
public sealed class BoundedMemoryTests
{
    private const int Iterations = 1_000_000;

    private static readonly PointInfo[] Points =
    [
        new PointInfo(1, 1, 1, PointKind.Change, null, null, "size", ["value"]),
        new PointInfo(2, 1, 2, PointKind.Call, "Write", "Store", null, []),
        new PointInfo(3, 1, 3, PointKind.ScopeCall, null, null, null, []),
    ];

    [Fact]
    public void A_million_loop_iterations_in_one_invocation_decide_a_million_bindings_without_growing()
    {
        var (router, monitor, sink) = Monitor();
        var values = new List<CapturedValue>();
        int sequence = 0;
        router.Take(new CallRecord { Kind = RecordKind.Enter, CallSiteId = 3, Scope = 1, Sequence = ++sequence }, values, 1);

        long allocatedBefore = 0;
        for (int i = 0; i < Iterations; i++)
        {
            if (i == 1_000)
            {
                // Pools and lists have reached their size; from here on nothing may be allocated.
                allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            }

            long at = (long)i * 1_000;
            router.Take(new CallRecord { Kind = RecordKind.NumberValue, Number = i % 100 }, values, 1);
            router.Take(new CallRecord { Kind = RecordKind.Event, CallSiteId = 1, Scope = 1, Sequence = ++sequence, StartTimestamp = at, EndTimestamp = at }, values, 1);
            router.Take(new CallRecord { Kind = RecordKind.Event, CallSiteId = 2, Scope = 1, Sequence = ++sequence, StartTimestamp = at + 10, EndTimestamp = at + 500 }, values, 1);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        router.Take(new CallRecord { Kind = RecordKind.Exit, Scope = 1, Sequence = ++sequence }, values, 1);

        Assert.Equal(Iterations, sink.Verdicts);
        Assert.Equal(Iterations / 100 * 50, sink.Violations); // sizes 50..99 require at most 100 ns; every write took 490
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated over {Iterations - 1_000} iterations");
        Assert.Equal(0, monitor.OpenInvocations);
        Assert.Equal(0, router.OpenInvocations);
    }

    [Fact]
    public void Bindings_that_never_complete_are_capped_per_invocation_and_counted()
    {
        var (router, monitor, sink) = Monitor();
        var values = new List<CapturedValue>();
        int sequence = 0;
        router.Take(new CallRecord { Kind = RecordKind.Enter, CallSiteId = 3, Scope = 1, Sequence = ++sequence }, values, 1);
        for (int i = 0; i < Iterations; i++)
        {
            router.Take(new CallRecord { Kind = RecordKind.NumberValue, Number = 1 }, values, 1);
            router.Take(new CallRecord { Kind = RecordKind.Event, CallSiteId = 1, Scope = 1, Sequence = ++sequence, StartTimestamp = i, EndTimestamp = i }, values, 1);
        }

        Assert.Equal(Iterations - FormulaMonitor.MaxLiveBindingsPerInvocation, monitor.DroppedBindings);
        router.Take(new CallRecord { Kind = RecordKind.Exit, Scope = 1, Sequence = ++sequence }, values, 1);
        Assert.Equal(0, sink.Verdicts);
        Assert.Equal(0, monitor.OpenInvocations);
    }

    private static (InvocationRouter Router, FormulaMonitor Monitor, CountingSink Sink) Monitor()
    {
        // For every change of size, the next write after it takes at most 100 ns when the size is 50 or more.
        Specification specification = Specification.For<Store>(nameof(Store.Upload))
            .Forall("q", Changes.Of("size"))
            .Forall("t", Calls.To(nameof(Store.Write)).After("q"))
            .Check((q, t) => Formula.If(q.Value() >= 50).Then(t.Duration() <= Duration.Nanoseconds(100)));
        var plan = new FormulaPlan(1, specification);
        plan.AddPointsFrom(Points);
        var sink = new CountingSink();
        var monitor = new FormulaMonitor(plan, sink);
        return (new InvocationRouter(id => Points[id - 1], _ => monitor), monitor, sink);
    }

    private sealed class Store
    {
        public void Upload()
        {
        }

        public void Write()
        {
        }
    }
}
