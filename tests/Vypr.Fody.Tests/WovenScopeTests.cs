using System.Collections.Generic;
using System.Linq;
using Vypr.Contracts;
using Xunit;

namespace Vypr.Fody.Tests;

/// <summary>
/// Fluent specifications whose scoped method, Shapes.Ledger.Tally, is woven in its own body (tests/Vypr.Fody.Shapes
/// builds with VyprWeaving=Both). The caller makes 5 invocations over 9 amounts: 1 directly, 1 through an interface,
/// 1 through a delegate, 2 inside the woven assembly itself (counts in tests/Vypr.Fody.Caller/Program.cs). Every
/// invocation begins exactly once (the caller's interceptors and the woven assembly's own generator leave it to the
/// body), and the body's variable writes are observed in shapes the source generator cannot see.
/// </summary>
public sealed class WovenScopeTests(CallerFixture caller) : IClassFixture<CallerFixture>
{
    private const string Scope = "Shapes.Ledger.Tally(int[])";

    public static TheoryData<string, int, int> Specifications => new()
    {
        // specification, verdicts, violations
        { "EveryTally", 5, 0 },
        { "EveryWeighing", 9, 0 },
        { "Counts", 5 + 9, 1 },
        { "Totals", 9, 0 },
        { "Parsed", 5, 0 },
        { "Highs", 5, 0 },
        { "Seen", 5, 0 },
    };

    [Theory]
    [MemberData(nameof(Specifications))]
    public void Each_specification_gives_one_verdict_per_event_of_the_five_invocations(string name, int verdicts, int violations)
    {
        Assert.True(caller.Run.ExitCode == 0, caller.Run.Output);
        IReadOnlyList<VerdictInfo> found = VerdictsOf(name);
        Assert.Equal((verdicts, violations), (found.Count, found.Count(v => !v.Value)));
        Assert.All(found, v => Assert.False(v.Threw));
    }

    [Fact]
    public void Calls_through_an_interface_a_delegate_and_inside_the_woven_assembly_begin_an_invocation_once_each()
    {
        // One invocation per call whoever makes it: interceptors would see only the caller's one direct call, and a
        // call probed by both backends would begin two invocations (ten verdicts).
        IReadOnlyList<VerdictInfo> tallies = VerdictsOf("EveryTally");
        Assert.Equal(5, tallies.Count);
        Assert.Equal(
            [1, 1, 2, 2, 3],
            tallies.Select(v => v.Observations.Single(o => o.Term.Contains("amounts", System.StringComparison.Ordinal)).Value).Order().ToArray());

        // The invocation's event is recorded in the scoped method's body: its call site is the declaration, in Vypr.Fody.Shapes.
        Assert.All(tallies, v => Assert.Equal(("Vypr.Fody.Shapes", Scope), (caller.SiteOf(v).Assembly, caller.SiteOf(v).Caller)));
    }

    [Fact]
    public void Quantified_calls_in_the_body_capture_their_arguments_and_results()
    {
        Assert.Equal(
            Enumerable.Range(1, 9).Select(n => (double)n).ToArray(),
            VerdictsOf("EveryWeighing").Select(v => v.Observations.First(o => o.Term.Contains("Argument", System.StringComparison.Ordinal)).Value).Order().ToArray());
    }

    [Fact]
    public void Writes_the_generator_cannot_observe_are_observed_in_IL_with_their_values()
    {
        // count: 0 then ++ per amount; _total: += per amount, per ledger (2, 6, 12; 8, 18; 12; 14, 30, 48); parsed: an
        // out argument; high: a deconstruction; seen: a pattern variable.
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 3], Values("Counts"));
        Assert.Equal([2, 6, 8, 12, 12, 14, 18, 30, 48], Values("Totals"));
        Assert.Equal([42, 42, 42, 42, 42], Values("Parsed"));
        Assert.Equal([3, 5, 6, 7, 9], Values("Highs"));
        Assert.Equal(Values("Highs"), Values("Seen"));
        Assert.All(VerdictsOf("Counts").Concat(VerdictsOf("Totals")), v => Assert.Equal(("Vypr.Fody.Shapes", Scope), (caller.SiteOf(v).Assembly, caller.SiteOf(v).Caller)));
    }

    [Fact]
    public void A_quantified_call_that_throws_is_recorded_as_one_that_threw()
    {
        // TryWeigh(2) and TryWeigh(-1): Weigh returns, then throws (caught in TryWeigh's body).
        IReadOnlyList<VerdictInfo> weighings = VerdictsOf("GuardedWeighing", "Shapes.Ledger.TryWeigh(int)");
        Assert.Equal(2, weighings.Count);
        Assert.Single(weighings, v => v.Threw);
    }

    [Theory]
    [InlineData("OffsetWeighing", "Shapes.Ledger.Offset(int)")]
    [InlineData("ScaledWeighing", "Shapes.Ledger.Scaled(int)")]
    public void A_quantified_call_that_throws_in_the_middle_of_an_expression_is_recorded_as_one_that_threw(string name, string scope)
    {
        // Offset(2), Offset(-1): 100 + Weigh(amount), caught in Offset. Scaled(1), Scaled(-1): 3 * Weigh(amount) + amount,
        // thrown out of Scaled. The call that threw has its argument and no result.
        IReadOnlyList<VerdictInfo> weighings = VerdictsOf(name, scope);
        Assert.Equal(2, weighings.Count);
        VerdictInfo threw = Assert.Single(weighings, v => v.Threw);
        Assert.Equal(-1, threw.Observations.Single(o => o.Term.Contains("Argument", System.StringComparison.Ordinal)).Value);
        Assert.All(weighings, v => Assert.True(v.Value));
    }

    [Fact]
    public void A_scoped_method_of_a_generic_type_reached_through_its_generic_interface_counts_every_call()
    {
        // Bin<int>.Put: 1 direct call, 2 through IBin<int> in the caller's generic PutAll<T> (sizes 2, 3, 1: totals 2, 5,
        // 6). The specification is written For<Bin<int>>, but the woven body is Bin<T>.Put's, shared by every T, so the
        // scope is named by the definition it covers.
        Assert.Equal([2, 5, 6], ResultsOf("BinPuts", "Shapes.Bin<T>.Put(T)"));
        Assert.Equal([1, 2, 3], ResultsOf("BinSizes", "Shapes.Bin<T>.Put(T)"));
    }

    [Fact]
    public void A_generic_scoped_method_counts_its_invocations_and_its_generic_calls_over_every_type_argument()
    {
        // Sizes.All<int>([1, 22, 333]) = 6 and Sizes.All<string>(["a", "bc"]) = 3, with 3 + 2 calls of Sizes.Of<T>.
        Assert.Equal([3, 6], ResultsOf("Alls", "Shapes.Sizes.All<T>(T[])"));
        Assert.Equal([1, 1, 2, 2, 3], ResultsOf("AllSizes", "Shapes.Sizes.All<T>(T[])"));
    }

    [Fact]
    public void A_local_written_through_its_address_is_observed_after_the_write_that_takes_it()
    {
        // Aliases(3): a ref local, a ref argument whose call evaluates Weigh(3) after the address is taken, an out
        // variable declared in a condition. Each write once, with its value, in order.
        Assert.Equal([0, 4], ValuesInOrder("AliasedMoves"));
        Assert.Equal([1, 7, 10], ValuesInOrder("NestedTotals"));
        Assert.Equal([3], ValuesInOrder("Echoes"));
    }

    [Fact]
    public void A_synchronous_woven_scope_allocates_nothing_per_invocation()
    {
        // The caller's 100 invocations of Ledger.Bump, in rounds of 20: the fewest bytes a round allocated.
        Assert.Contains("woven synchronous scope, fewest bytes allocated by 20 invocations: 0" + System.Environment.NewLine, caller.Run.Output);
        Assert.Equal(100, VerdictsOf("Bumps", "Shapes.Ledger.Bump(int)").Count);
    }

    [Fact]
    public void A_scope_reached_through_its_base_method_begins_an_invocation_beside_its_own_bound()
    {
        IReadOnlyList<VerdictInfo> reads = VerdictsOf("GaugeReads", "Shapes.Gauge.Read(int)");
        Assert.Equal((2, 0), (reads.Count, reads.Count(v => !v.Value)));
        Assert.Equal(2, caller.Results.Verdicts.Count(v => caller.Results.Specifications.Single(s => s.Id == v.SpecificationId) is { Method: "Shapes.Gauge.Read(int)" } s && s.Text.StartsWith("MaxDuration", System.StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Pulls")]
    [InlineData("Fetches")]
    [InlineData("SlowCalls")]
    public void An_async_scope_returning_a_value_task_and_its_pending_calls_give_their_results_when_they_complete(string name)
    {
        IReadOnlyList<VerdictInfo> verdicts = VerdictsOf(name, "Shapes.Feed.PullAsync(int)");
        Assert.Equal((2, 0), (verdicts.Count, verdicts.Count(v => !v.Value)));
        Assert.All(verdicts, v => Assert.False(v.Threw));
    }

    [Fact]
    public void A_local_hoisted_by_async_is_observed_at_each_write()
    {
        // got = await FetchAsync(n) (1, 3), then got += more (11, 33).
        Assert.Equal([1, 3, 11, 33], VerdictsOf("Gots", "Shapes.Feed.PullAsync(int)").Select(v => v.Observations.Single().Value).Order().ToArray());
    }

    [Fact]
    public void The_scopes_argument_is_the_value_passed_and_a_write_of_the_parameter_in_the_body_is_a_change()
    {
        VerdictInfo clamp = Assert.Single(VerdictsOf("Clamps", "Shapes.Ledger.Clamp(int)"));
        Assert.True(clamp.Value, string.Join(", ", clamp.Observations.Select(o => $"{o.Term}={o.Value}")));
        Assert.Equal([10, 50], VerdictsOf("Limits", "Shapes.Ledger.Clamp(int)").Select(v => v.Observations.Single().Value).Order().ToArray());
    }

    private double[] ResultsOf(string name, string scope) =>
        VerdictsOf(name, scope).Select(v => v.Observations.Single(o => o.Term.Contains("Result", System.StringComparison.Ordinal)).Value).Order().ToArray();

    private double[] ValuesInOrder(string name) =>
        VerdictsOf(name, "Shapes.Ledger.Aliases(int)").OrderBy(v => v.Sequence).Select(v => v.Observations.Single().Value).ToArray();

    private double[] Values(string name) =>
        VerdictsOf(name).Select(v => v.Observations.Single().Value).Order().ToArray();

    private IReadOnlyList<VerdictInfo> VerdictsOf(string name, string scope = Scope)
    {
        SpecificationInfo specification = Assert.Single(caller.Results.Specifications, s => s.Key == "P:Shapes.LedgerSpecifications." + name);
        Assert.Equal(scope, specification.Method);
        return caller.Results.Verdicts.Where(v => v.SpecificationId == specification.Id).ToList();
    }
}
