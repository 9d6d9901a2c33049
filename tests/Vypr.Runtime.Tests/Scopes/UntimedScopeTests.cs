using System;
using System.Collections.Generic;
using System.Linq;
using Vypr.Contracts;
using Vypr.Runtime.Monitoring;
using Xunit;

namespace Vypr.Runtime.Tests.Scopes;

/// <summary>
/// A scoped call site reads the clock around the scoped call only when a specification scoped to the method reads
/// the call's own time (<see cref="Probe.TimesScope"/>); every specification still gets exactly its verdicts, and
/// those that read the scoped call's duration or its parameters' moments still get real times.
/// </summary>
public sealed class UntimedScopeTests
{
    private const string Prefix = "P:Vypr.Runtime.Tests.Scopes.UntimedScopeSpecifications.";
    private const int Calls = 50;

    [Theory]
    [InlineData(nameof(UntimedScopeSpecifications.InnerOnlyIsFast), false)]
    [InlineData(nameof(UntimedScopeSpecifications.SharedInnerIsFast), false)]
    [InlineData(nameof(UntimedScopeSpecifications.OwnDurationIsLong), true)]
    [InlineData(nameof(UntimedScopeSpecifications.InnerStartsAfterThePause), true)]
    [InlineData(nameof(UntimedScopeSpecifications.SharedResult), true)]
    public void A_scoped_methods_own_point_is_timed_exactly_when_its_specification_reads_the_scoped_calls_time(string specification, bool timed)
    {
        // Every scoped method is called here, so each has a call site (points are registered per call site).
        Assert.Equal(4, UntimedScopes.InnerOnly(0) + UntimedScopes.OwnDuration(0) + UntimedScopes.FromEntry(0) + UntimedScopes.Shared(0));
        PointInfo[] points = ScopePoints(specification);
        Assert.NotEmpty(points);
        Assert.All(points, p => Assert.Equal(timed, Probe.TimesScope(p.Id)));
        Assert.Equal(timed, MonitorRegistry.UsesScopeTime(MonitorRegistry.Formula(points[0].SpecificationId)!));
    }

    [Fact]
    public void Points_that_are_not_registered_or_not_a_scoped_methods_own_are_timed()
    {
        foreach (int id in new[] { -1, 0, int.MaxValue, int.MinValue })
        {
            Assert.True(Probe.TimesScope(id));
        }

        Assert.All(MonitorRegistry.Points.Where(p => p.Kind != PointKind.ScopeCall), p => Assert.True(Probe.TimesScope(p.Id)));
    }

    [Fact]
    public void An_untimed_scoped_call_writes_its_entry_its_inner_event_and_its_exit_and_nothing_for_the_scoped_call_itself()
    {
        using TestScope scope = TestScope.Begin("untimed scope records");
        UntimedScopes.InnerOnly(0);
        long before = ThreadCallBuffer.Current.Written;
        UntimedScopes.InnerOnly(1);
        Assert.Equal(3, ThreadCallBuffer.Current.Written - before);

        // Timed: its entry, its own event (no inner call is quantified) and its exit.
        UntimedScopes.OwnDuration(0);
        before = ThreadCallBuffer.Current.Written;
        UntimedScopes.OwnDuration(1);
        Assert.Equal(3, ThreadCallBuffer.Current.Written - before);
        Assert.Equal(Probe.Untimed, Probe.ScopeEnd(Probe.Untimed));
    }

    [Fact]
    public void Every_specification_gets_exactly_its_verdicts_with_real_times_where_it_reads_them()
    {
        using TestScope scope = TestScope.Begin("untimed scopes");
        DateTimeOffset before = DateTimeOffset.UtcNow;
        int threw = 0;
        // Direct calls: a call through a delegate is not intercepted (it is not a call site of the scoped method).
        for (int i = 0; i < Calls; i++)
        {
            threw += Throws(() => UntimedScopes.InnerOnly(i));
            threw += Throws(() => UntimedScopes.OwnDuration(i));
            threw += Throws(() => UntimedScopes.FromEntry(i));
            threw += Throws(() => UntimedScopes.Shared(i));
        }

        DateTimeOffset after = DateTimeOffset.UtcNow;
        Assert.Equal(4 * (Calls / 5), threw);
        List<VerdictInfo> verdicts = scope.CollectVerdicts().ToList();
        Dictionary<string, VerdictInfo[]> bySpecification = verdicts
            .GroupBy(v => MonitorRegistry.Specification(v.SpecificationId).Key)
            .ToDictionary(g => g.Key, g => g.ToArray());

        // One verdict per inner call or scoped call, every one satisfied (fewer than the retention limit: all kept).
        foreach (string name in new[] { "InnerOnlyIsFast", "OwnDurationIsLong", "InnerStartsAfterThePause", "SharedInnerIsFast", "SharedResult" })
        {
            Assert.True(bySpecification.TryGetValue(Prefix + name, out VerdictInfo[]? kept), $"no verdicts for {name}");
            Assert.Equal(Calls, kept.Length);
            Assert.All(kept, v => Assert.True(v.Value, $"{name}: {string.Join("; ", v.Observations.Select(o => o.Term + " " + o.Value + " " + o.Condition))}"));
            Assert.Equal(Calls / 5, kept.Count(v => v.Threw));

            // startedAt: the scoped call's start when timed, its first recorded event's otherwise; inside the test either way
            // (the wall clock and the run's clock are read separately: a millisecond of slack each way).
            Assert.All(kept, v => Assert.InRange(v.StartedAt, before.AddMilliseconds(-1), after.AddMilliseconds(1)));
        }

        // The scoped call's own duration includes its pause: the clock was read around it.
        Assert.All(bySpecification[Prefix + "OwnDurationIsLong"], v => Assert.True(v.DurationNanoseconds >= UntimedScopes.Pause.Ticks * 100, $"{v.DurationNanoseconds} ns"));

        // The untimed specification's durations are its inner calls', far below the pause.
        Assert.All(bySpecification[Prefix + "InnerOnlyIsFast"], v => Assert.InRange(v.DurationNanoseconds, 0, 10_000_000_000));
    }

    private static int Throws(Action call)
    {
        try
        {
            call();
            return 0;
        }
        catch (InvalidOperationException)
        {
            return 1;
        }
    }

    private static PointInfo[] ScopePoints(string specification) => MonitorRegistry.Points
        .Where(p => p.Kind == PointKind.ScopeCall && MonitorRegistry.Specification(p.SpecificationId).Key == Prefix + specification)
        .ToArray();
}
