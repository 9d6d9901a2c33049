using System;
using System.Collections.Generic;
using System.Linq;
using Vypr.Contracts;
using Vypr.Formulas;
using Vypr.Runtime.Monitoring;
using Xunit;

namespace Vypr.Runtime.Tests.Formulas;

/// <summary>
/// A specification that only bounds its call's duration ("every call takes at most ...") has a counted-only path: a
/// satisfied binding whose verdict would not be kept updates the statistics without being decided in full. It must
/// count exactly the bindings the full path decides as satisfied, with the same duration, outcome and site.
/// </summary>
public sealed class DurationOnlyTests
{
    private static readonly PointInfo[] Points =
    [
        new PointInfo(1, 1, 11, PointKind.Call, "Write", "Store", null, []),
        new PointInfo(2, 1, 12, PointKind.ScopeCall, null, null, null, []),
    ];

    // Bounds at the edges of double and long, and durations at the edges of long (a negative one never happens with a
    // monotonic clock, but the two paths must still agree on it).
    private static readonly double[] Bounds =
    [
        0, 1, 100, 1e9, -5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.Epsilon,
        long.MaxValue, 9_007_199_254_740_993, -0.0,
    ];

    private static readonly (long Start, long End)[] Timings =
    [
        (0, 0), (0, 1), (5, 104), (5, 105), (5, 106), (0, 999_999_999), (0, 1_000_000_000), (0, 1_000_000_001),
        (0, long.MaxValue), (10, 5), (long.MinValue / 2, long.MaxValue / 2), (0, 9_007_199_254_740_993),
    ];

    public static TheoryData<Comparison> Comparisons => [Comparison.Less, Comparison.LessOrEqual, Comparison.Greater, Comparison.GreaterOrEqual];

    [Theory]
    [MemberData(nameof(Comparisons))]
    public void The_counted_path_counts_exactly_the_bindings_the_full_path_finds_satisfied(Comparison comparison)
    {
        foreach (double bound in Bounds)
        {
            Specification specification = Bounded(comparison, bound);
            List<(int Site, long Duration, bool Threw, bool Value)> full = Run(specification, countSatisfied: false, out FormulaMonitor fullMonitor).Decided;
            (List<(int, long, bool, bool)> decided, List<(int, long, bool)> counted) = Run(specification, countSatisfied: true, out FormulaMonitor countingMonitor);

            Assert.True(countingMonitor.BoundsDurationOnly, specification.ToString());
            Assert.Equal(Timings.Length * 2, full.Count);
            Assert.Equal(full.Where(v => v.Value).Select(v => (v.Site, v.Duration, v.Threw)), counted);
            Assert.Equal(full.Where(v => !v.Value), decided);
            Assert.All(Timings, call => Assert.Equal(
                TermMath.Compare(CapturedValue.OfNumber(call.End - call.Start), comparison, CapturedValue.OfNumber(bound), out _),
                fullMonitor.HoldsFor(call.End - call.Start)));
        }
    }

    [Fact]
    public void Only_a_bound_on_one_calls_duration_takes_the_counted_path()
    {
        Specification againstAnotherDuration = Specification.For<Store>(nameof(Store.Upload))
            .Forall("t", Calls.To(nameof(Store.Write)))
            .Check(t => t.Duration() <= t.Duration());
        Specification twoAtoms = Specification.For<Store>(nameof(Store.Upload))
            .Forall("t", Calls.To(nameof(Store.Write)))
            .Check(t => (t.Duration() <= Duration.Seconds(1)) & (t.Duration() >= Duration.Nanoseconds(0)));

        Assert.True(Monitor(Bounded(Comparison.LessOrEqual, 1e9), new Collector(countSatisfied: false)).Monitor.BoundsDurationOnly);
        Assert.False(Monitor(againstAnotherDuration, new Collector(countSatisfied: false)).Monitor.BoundsDurationOnly);
        Assert.False(Monitor(twoAtoms, new Collector(countSatisfied: false)).Monitor.BoundsDurationOnly);
    }

    [Fact]
    public void Beyond_the_retention_limit_satisfied_ticks_are_counted_exactly_through_the_whole_path()
    {
        using TestScope scope = TestScope.Begin("duration-only retention");
        DurationOnlyScopes.Loop(5_000);

        IReadOnlyList<VerdictInfo> verdicts = scope.CollectVerdicts();
        CallSiteSummary site = Assert.Single(scope.CollectSummaries());

        // Ticks 0, 7, ..., 4998 threw: 715 of them.
        Assert.Equal((5_000L, 0L, 715L), (site.Calls, site.Violations, site.Threw));
        Assert.Equal(VerdictRetention.DefaultSatisfiedPerSite, verdicts.Count);
        Assert.All(verdicts, v => Assert.True(v.Value));
        Assert.Equal(Enumerable.Range(0, VerdictRetention.DefaultSatisfiedPerSite).Count(i => i % 7 == 0), verdicts.Count(v => v.Threw));
        Assert.True(site.MinNanoseconds <= site.TotalNanoseconds / site.Calls && site.TotalNanoseconds / site.Calls <= site.MaxNanoseconds);
    }

    private static Specification Bounded(Comparison comparison, double bound)
    {
        Duration limit = Duration.Nanoseconds(bound);
        return Specification.For<Store>(nameof(Store.Upload))
            .Forall("t", Calls.To(nameof(Store.Write)))
            .Check(t => comparison switch
            {
                Comparison.Less => t.Duration() < limit,
                Comparison.LessOrEqual => t.Duration() <= limit,
                Comparison.Greater => t.Duration() > limit,
                _ => t.Duration() >= limit,
            });
    }

    // Every call twice (completed, then threw), in one invocation, through the router as a probe's ring would be drained.
    private static (List<(int Site, long Duration, bool Threw, bool Value)> Decided, List<(int Site, long Duration, bool Threw)> Counted) Run(
        Specification specification, bool countSatisfied, out FormulaMonitor monitor)
    {
        var sink = new Collector(countSatisfied);
        (InvocationRouter router, monitor) = Monitor(specification, sink);
        var values = new List<CapturedValue>();
        int sequence = 0;
        router.Take(new CallRecord { Kind = RecordKind.Enter, CallSiteId = 2, Scope = 1, Sequence = ++sequence }, values, 1);
        foreach ((long start, long end) in Timings)
        {
            foreach (bool threw in new[] { false, true })
            {
                router.Take(new CallRecord { Kind = RecordKind.Event, CallSiteId = 1, Scope = 1, Sequence = ++sequence, StartTimestamp = start, EndTimestamp = end, Threw = threw }, values, 1);
            }
        }

        router.Take(new CallRecord { Kind = RecordKind.Exit, Scope = 1, Sequence = ++sequence }, values, 1);
        Assert.Equal(0, monitor.OpenInvocations);
        return (sink.Decided, sink.Counted);
    }

    private static (InvocationRouter Router, FormulaMonitor Monitor) Monitor(Specification specification, Collector sink)
    {
        var plan = new FormulaPlan(1, specification);
        plan.AddPointsFrom(Points);
        var monitor = new FormulaMonitor(plan, sink);
        return (new InvocationRouter(id => Points[id - 1], _ => monitor), monitor);
    }

    private sealed class Collector(bool countSatisfied) : IFormulaVerdictSink
    {
        public List<(int Site, long Duration, bool Threw, bool Value)> Decided { get; } = [];

        public List<(int Site, long Duration, bool Threw)> Counted { get; } = [];

        // As the translator does: the invocation's site, else the event's; the first call slot's duration; slot 0's outcome.
        public void Take(in FormulaVerdict verdict)
        {
            SlotState slot = verdict.Binding.Slots[0];
            int site = verdict.Invocation.CallSiteId != 0 ? verdict.Invocation.CallSiteId : slot.CallSite;
            Decided.Add((site, RunClock.Nanoseconds(slot.Start, slot.End), slot.Threw, verdict.Value));
        }

        public bool CountSatisfied(ScopeInvocation invocation, int pointCallSiteId, long durationNanoseconds, bool threw)
        {
            if (countSatisfied)
            {
                Counted.Add((invocation.CallSiteId != 0 ? invocation.CallSiteId : pointCallSiteId, durationNanoseconds, threw));
            }

            return countSatisfied;
        }
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
