using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Fody.Tests;

/// <summary>
/// The caller program calls every shape of woven method a known number of times (counts written in
/// tests/Vypr.Fody.Caller/Program.cs); each call must give exactly one verdict, with the right outcome.
/// </summary>
public sealed class WovenShapeTests(CallerFixture caller) : IClassFixture<CallerFixture>
{
    public static TheoryData<string, int, int> Shapes => new()
    {
        // method as reports show it, calls, calls that threw (or were cancelled)
        { "Shapes.Sync.Twice(int)", 8, 0 },
        { "Shapes.Extensions.Doubled(int)", 2, 0 },
        { "Shapes.Sync.Fail()", 1, 1 },
        { "Shapes.Sync.Sleep(int)", 1, 0 },
        { "Shapes.Sync.Branches(int)", 3, 0 },
        { "Shapes.Sync.Guarded(int)", 2, 0 },
        { "Shapes.Sync.Slot(int[], int)", 1, 0 },
        { "Shapes.Asyncs.WaitAsync(int)", 1, 0 },
        { "Shapes.Asyncs.CountAsync(int)", 2, 0 },
        { "Shapes.Asyncs.PauseAsync(int)", 1, 0 },
        { "Shapes.Asyncs.PeekAsync(int)", 2, 0 },
        { "Shapes.Asyncs.ThrowAsync()", 1, 1 },
        { "Shapes.Asyncs.WaitForCancellationAsync(System.Threading.CancellationToken)", 1, 1 },
        { "Shapes.Asyncs.Checked(int)", 2, 1 },
        { "Shapes.Generic.Echo<T>(T)", 3, 0 },
        { "Shapes.Repository<T>.Save(T)", 3, 0 },
        { "Shapes.Repository<T>.Page.Size(System.Collections.Generic.IReadOnlyList<T>, int)", 1, 0 },
        { "Shapes.LengthRule.Check(string)", 3, 0 },
        { "Shapes.PositiveRule.Shapes.IRule<int>.Check(int)", 2, 0 },
        { "Shapes.Square.Area()", 2, 0 },
        { "Shapes.Square.Name()", 1, 0 },
        { "Shapes.Connection.Connection(string)", 2, 0 },
        { "Shapes.Connection.Size.get", 2, 0 },
        { "Shapes.Connection.Size.set", 1, 0 },
        { "Shapes.Point.Sum()", 1, 0 },
        { "Shapes.Point.Move(int)", 1, 0 },
    };

    [Fact]
    public void The_caller_ran_to_the_end_and_its_calls_behaved_as_unwoven()
    {
        // Exit code 0 means every woven method returned what it would have without the probe (ref returns, struct
        // mutation, finally blocks), see Program.Main.
        Assert.True(caller.Run.ExitCode == 0, caller.Run.Output);
        Assert.NotNull(caller.Run.Results);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_call_gives_one_verdict_whoever_makes_it_and_however(string method, int calls, int threw)
    {
        IReadOnlyList<VerdictInfo> verdicts = caller.VerdictsOf(method);

        Assert.Equal(calls, verdicts.Count);
        Assert.Equal(threw, verdicts.Count(v => v.Threw));
    }

    [Fact]
    public void Time_methods_are_measurements_that_hold_whatever_they_take()
    {
        foreach ((string method, int calls) in new[] { ("Shapes.Measured.Compute(int)", 2), ("Shapes.Measured.FetchAsync(int)", 1), ("Shapes.MeasuredClass.First()", 1), ("Shapes.MeasuredClass.Second()", 1) })
        {
            SpecificationInfo specification = Assert.Single(caller.Results.Specifications, s => s.Method == method);
            Assert.Equal(("Time", long.MaxValue), (specification.Text, specification.BoundNanoseconds));
            IReadOnlyList<VerdictInfo> verdicts = caller.VerdictsOf(method);
            Assert.Equal(calls, verdicts.Count);
            Assert.All(verdicts, v => Assert.True(v.Value));
            Assert.All(verdicts, v => Assert.Equal(("duration", "measured"), (v.Observations[0].Term, v.Observations[0].Condition)));
        }

        Assert.True(caller.VerdictsOf("Shapes.Measured.FetchAsync(int)")[0].DurationNanoseconds >= 30_000_000);
    }

    [Fact]
    public void Async_methods_are_timed_until_their_task_completes_not_until_the_first_await()
    {
        VerdictInfo wait = Assert.Single(caller.VerdictsOf("Shapes.Asyncs.WaitAsync(int)"));

        // It awaits Task.Delay(60): timing the first await only would give microseconds.
        Assert.True(wait.DurationNanoseconds >= 50_000_000, $"{wait.DurationNanoseconds}ns");
    }

    [Fact]
    public void A_call_over_its_bound_is_a_violation_and_the_others_hold()
    {
        VerdictInfo sleep = Assert.Single(caller.VerdictsOf("Shapes.Sync.Sleep(int)"));

        Assert.False(sleep.Value);
        Assert.True(sleep.DurationNanoseconds >= 40_000_000);
        // The only other violation is a fluent specification's, on purpose (WovenScopeTests).
        HashSet<int> bounds = caller.Results.Specifications.Where(s => !s.Key.StartsWith("P:", System.StringComparison.Ordinal)).Select(s => s.Id).ToHashSet();
        Assert.Single(caller.Results.Verdicts, v => !v.Value && bounds.Contains(v.SpecificationId));
    }

    [Fact]
    public void A_woven_call_reports_the_method_declaration_as_its_call_site()
    {
        VerdictInfo[] twice = caller.VerdictsOf("Shapes.Sync.Twice(int)").ToArray();

        // One site for every caller: the declaration, in the assembly that was woven.
        CallSiteInfo site = Assert.Single(twice.Select(caller.SiteOf).Distinct());
        Assert.EndsWith("Sync.cs", site.File.Replace('\\', '/'));
        Assert.Equal(10, site.Line);
        Assert.Equal("Vypr.Fody.Shapes", site.Assembly);
        Assert.Equal("Shapes.Sync.Twice(int)", site.Caller);
    }

    [Fact]
    public void A_call_into_a_woven_assembly_is_not_intercepted_too_while_the_callers_own_methods_are()
    {
        // The caller builds with interceptors: its three direct calls of Twice would each have had an interceptor
        // (and a second verdict) had the generator not left the woven assembly to its own probes.
        Assert.All(caller.Results.CallSites.Where(s => s.Assembly == "Vypr.Fody.Caller"), s => Assert.Contains("Local.Work", caller.Results.Specifications.Single(p => p.Id == s.SpecificationId).Method));
        VerdictInfo[] local = caller.VerdictsOf("Caller.Local.Work(int)").ToArray();
        Assert.Equal(2, local.Length);
        Assert.Equal(2, local.Select(caller.SiteOf).Distinct().Count());
        Assert.All(local, v => Assert.Equal("Vypr.Fody.Caller", caller.SiteOf(v).Assembly));
    }

    [Fact]
    public async Task Monitoring_off_records_nothing_and_changes_nothing()
    {
        MonitoredProcess off = await CallerRun.RunAsync(new Dictionary<string, string> { ["VYPR_MONITORING"] = "0" });

        Assert.True(off.ExitCode == 0, off.Output);
        Assert.Null(off.Results);
        Assert.DoesNotContain("Vypr verdicts", off.Output);
    }
}
