using System.Collections.Generic;
using Vypr.Runtime.Monitoring;
using Xunit;

namespace Vypr.Runtime.Tests.Formulas;

/// <summary>
/// A specification's key registered by a second assembly after its monitor was made (a library's specification whose
/// scoped method a test project calls; two programs in one process): the second assembly's first invocation must give
/// its verdict. Its bindings fork over the points the monitor knows when they are created; the router used to learn
/// the second assembly's points one by one, as their records came, so the first invocation's binding waited at the
/// first assembly's point only and its change, at the second's, found nothing waiting (the verdicts lost when
/// AwaitedCallOrderTests and ConcurrencyStressTests, both declaring Specs.Names, ran together).
/// </summary>
public sealed class LatePointTests
{
    [Fact]
    public void The_first_invocation_of_an_assembly_that_registers_a_known_specification_late_gives_its_verdict()
    {
        // Assembly A: n, then u after it, at A's call of the scoped method. Assembly B registers the same three later.
        var registered = new List<PointInfo>
        {
            new(1, 1, 1, PointKind.Change, null, null, "n", ["value"]),
            new(2, 1, 2, PointKind.Change, null, null, "u", ["value"]),
            new(3, 1, 3, PointKind.ScopeCall, null, null, null, []),
        };
        Specification specification = Specification.For<Worker>(nameof(Worker.Run))
            .Forall("n0", Changes.Of("n"))
            .Forall("q", Changes.Of("u").After("n0"))
            .Check((n0, q) => q.Value() == n0.Value());
        var sink = new CountingSink();
        var router = new InvocationRouter(
            id => registered[id - 1],
            _ =>
            {
                var plan = new FormulaPlan(1, specification);
                plan.AddPointsFrom(registered);
                return new FormulaMonitor(plan, sink);
            },
            () => registered);
        var values = new List<CapturedValue>();
        Invocation(router, values, scope: 1, enter: 3, n: 1, u: 2);
        Assert.Equal(1, sink.Verdicts);

        registered.Add(new PointInfo(4, 1, 4, PointKind.Change, null, null, "n", ["value"]));
        registered.Add(new PointInfo(5, 1, 5, PointKind.Change, null, null, "u", ["value"]));
        registered.Add(new PointInfo(6, 1, 6, PointKind.ScopeCall, null, null, null, []));
        Invocation(router, values, scope: 2, enter: 6, n: 4, u: 5);

        Assert.Equal(2, sink.Verdicts);
        Assert.Equal(0, sink.Violations);
        Assert.Empty(router.Open());
    }

    private static void Invocation(InvocationRouter router, List<CapturedValue> values, int scope, int enter, int n, int u)
    {
        router.Take(new CallRecord { Kind = RecordKind.Enter, CallSiteId = enter, Scope = scope, Sequence = 1, StartTimestamp = 10, EndTimestamp = 10 }, values, 1);
        router.Take(new CallRecord { Kind = RecordKind.NumberValue, Number = 5 }, values, 1);
        router.Take(new CallRecord { Kind = RecordKind.Event, CallSiteId = n, Scope = scope, Sequence = 2, StartTimestamp = 20, EndTimestamp = 20 }, values, 1);
        router.Take(new CallRecord { Kind = RecordKind.NumberValue, Number = 5 }, values, 1);
        router.Take(new CallRecord { Kind = RecordKind.Event, CallSiteId = u, Scope = scope, Sequence = 3, StartTimestamp = 30, EndTimestamp = 30 }, values, 1);
        router.Take(new CallRecord { Kind = RecordKind.Exit, Scope = scope, Sequence = 4, StartTimestamp = 40, EndTimestamp = 40 }, values, 1);
    }

    private sealed class Worker
    {
        public void Run()
        {
        }
    }
}
