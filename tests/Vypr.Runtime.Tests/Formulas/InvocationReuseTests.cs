using System;
using System.Collections.Generic;
using System.Linq;
using Vypr.Runtime.Monitoring;
using Xunit;

namespace Vypr.Runtime.Tests.Formulas;

/// <summary>
/// The router and each monitor keep their newest invocation, once ended, as the spare the next one takes
/// (<see cref="InvocationTable{T}"/>), and the router's order keeps its first and last monitors from one invocation to
/// the next so that an invocation of the same specification stores nothing. Seeded random runs of invocations that
/// each reach a different set of specifications (none, one, several; one whose monitor could not be built), some
/// interleaved with others, must give every verdict to its own specification and end every invocation in every
/// monitor: a stale monitor taken for the invocation's own would leave the real one's invocation open, or send the
/// exit to the wrong monitor.
/// </summary>
public sealed class InvocationReuseTests
{
    private const int Specifications = 3;
    private const int NoMonitorSpecification = 4;
    private const long Second = 1_000_000_000;

    // Specification s (1-4): its quantified call at point 2s - 1, its scoped method's entry at point 2s. Specification 4 has no monitor.
    private static readonly PointInfo[] Points = Enumerable.Range(1, NoMonitorSpecification)
        .SelectMany(s => new[]
        {
            new PointInfo((2 * s) - 1, s, (2 * s) - 1, PointKind.Call, "Write", "Store", null, []),
            new PointInfo(2 * s, s, 2 * s, PointKind.ScopeCall, null, null, null, []),
        })
        .ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Every_invocation_gives_its_verdicts_to_its_own_specifications_and_ends_in_each_of_them(int seed)
    {
        var random = new Random(seed);
        var sinks = new CountingSink[Specifications + 1];
        var monitors = new FormulaMonitor?[Specifications + 1];
        var router = new InvocationRouter(id => Points[id - 1], MonitorOf);
        var values = new List<CapturedValue>();
        var expectedVerdicts = new int[Specifications + 1];
        var expectedViolations = new int[Specifications + 1];
        int scope = 0;

        for (int run = 0; run < 300; run++)
        {
            // One to three invocations at once, their records merged in a random order that keeps each one's own order.
            var invocations = new List<Queue<CallRecord>>();
            for (int i = random.Next(1, 4); i > 0; i--)
            {
                invocations.Add(Invocation(random, ++scope, expectedVerdicts, expectedViolations));
            }

            while (invocations.Count > 0)
            {
                int next = random.Next(invocations.Count);
                router.Take(invocations[next].Dequeue(), values, 1);
                if (invocations[next].Count == 0)
                {
                    invocations.RemoveAt(next);
                }
            }

            Assert.Equal(0, router.OpenInvocations);
            for (int s = 1; s <= Specifications; s++)
            {
                Assert.Equal(0, monitors[s]?.OpenInvocations ?? 0);
                Assert.Equal(expectedVerdicts[s], sinks[s]?.Verdicts ?? 0);
                Assert.Equal(expectedViolations[s], sinks[s]?.Violations ?? 0);
            }
        }

        Assert.Empty(router.Open());
        Assert.All(Enumerable.Range(1, Specifications), s => Assert.True(expectedVerdicts[s] > 0, $"specification {s} was never reached"));

        FormulaMonitor? MonitorOf(int specification)
        {
            if (specification == NoMonitorSpecification)
            {
                return null;
            }

            Specification written = Specification.For<Store>(nameof(Store.Upload))
                .Forall("c", Calls.To(nameof(Store.Write)))
                .Check(c => c.Duration() <= Duration.Seconds(1));
            var plan = new FormulaPlan(specification, written);
            plan.AddPointsFrom(Points);
            sinks[specification] = new CountingSink();
            return monitors[specification] = new FormulaMonitor(plan, sinks[specification]);
        }
    }

    // An invocation reaching a random set of specifications (possibly none): an entry for each, then calls at their
    // points, some longer than the bound, then the exit.
    private static Queue<CallRecord> Invocation(Random random, int scope, int[] expectedVerdicts, int[] expectedViolations)
    {
        var reached = Enumerable.Range(1, NoMonitorSpecification).Where(_ => random.Next(3) == 0).ToList();
        var records = new Queue<CallRecord>();
        int sequence = 0;
        foreach (int s in reached)
        {
            records.Enqueue(new CallRecord { Kind = RecordKind.Enter, CallSiteId = 2 * s, Scope = scope, Sequence = ++sequence, StartTimestamp = 10, EndTimestamp = 10 });
        }

        for (int calls = reached.Count == 0 ? 0 : random.Next(0, 5); calls > 0; calls--)
        {
            int s = reached[random.Next(reached.Count)];
            bool violates = random.Next(4) == 0;
            long start = 100L * sequence;
            records.Enqueue(new CallRecord { Kind = RecordKind.Event, CallSiteId = (2 * s) - 1, Scope = scope, Sequence = ++sequence, StartTimestamp = start, EndTimestamp = start + (violates ? 2 * Second : 50) });
            if (s != NoMonitorSpecification)
            {
                expectedVerdicts[s]++;
                expectedViolations[s] += violates ? 1 : 0;
            }
        }

        records.Enqueue(new CallRecord { Kind = RecordKind.Exit, Scope = scope, Sequence = ++sequence });
        return records;
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
