using Vypr;

namespace Shapes;

/// <summary>
/// Fluent specifications of <see cref="Ledger.Tally"/>, checked in IL. tests/Vypr.Fody.Caller makes five invocations
/// (directly, through <see cref="ILedger"/>, through a delegate, and twice inside <see cref="Ledger.TallyAll"/>) over
/// nine amounts; Vypr.Fody.Tests counts the verdicts against them.
/// </summary>
public static class LedgerSpecifications
{
    /// <summary>One verdict per invocation, however the method was reached.</summary>
    [PerformanceSpecification]
    public static Specification EveryTally => Specification
        .For<Ledger>(nameof(Ledger.Tally))
        .Forall("t", Calls.OfScope())
        .Check(t => t.Duration() < Duration.Seconds(30) & t.Argument("amounts").Length() <= 3);

    /// <summary>One verdict per call of Weigh in the body, with its argument and result.</summary>
    [PerformanceSpecification]
    public static Specification EveryWeighing => Specification
        .For<Ledger>(nameof(Ledger.Tally))
        .Forall("w", Calls.To(nameof(Ledger.Weigh)))
        .Check(w => w.Argument("amount") <= 9 & w.Result() == w.Argument("amount") * 2);

    /// <summary>An initialisation and an increment per amount; the fourth value of the first invocation (3) breaks the bound.</summary>
    [PerformanceSpecification]
    public static Specification Counts => Specification
        .For<Ledger>(nameof(Ledger.Tally))
        .Forall("c", Changes.Of("count"))
        .Check(c => c.Value() <= 2);

    /// <summary>A compound assignment of a field, once per amount.</summary>
    [PerformanceSpecification]
    public static Specification Totals => Specification
        .For<Ledger>(nameof(Ledger.Tally))
        .Forall("s", Changes.Of("_total"))
        .Check(s => s.Value() < 1000);

    /// <summary>An out argument, a deconstruction and a pattern variable, once per invocation each.</summary>
    [PerformanceSpecification]
    public static Specification Parsed => Specification
        .For<Ledger>(nameof(Ledger.Tally))
        .Forall("p", Changes.Of("parsed"))
        .Check(p => p.Value() == 42);

    [PerformanceSpecification]
    public static Specification Highs => Specification
        .For<Ledger>(nameof(Ledger.Tally))
        .Forall("h", Changes.Of("high"))
        .Check(h => h.Value() <= 9);

    [PerformanceSpecification]
    public static Specification Seen => Specification
        .For<Ledger>(nameof(Ledger.Tally))
        .Forall("s", Changes.Of("seen"))
        .Check(s => s.Value() >= 1);

    /// <summary>One verdict per call of Weigh in TryWeigh, the one that threw included.</summary>
    [PerformanceSpecification]
    public static Specification GuardedWeighing => Specification
        .For<Ledger>(nameof(Ledger.TryWeigh))
        .Forall("w", Calls.To(nameof(Ledger.Weigh)))
        .Check(w => w.Duration() < Duration.Seconds(30));

    /// <summary>One verdict per call of Weigh in Offset, where it is the right operand of an addition; one of them threw.</summary>
    [PerformanceSpecification]
    public static Specification OffsetWeighing => Specification
        .For<Ledger>(nameof(Ledger.Offset))
        .Forall("w", Calls.To(nameof(Ledger.Weigh)))
        .Check(w => w.Duration() < Duration.Seconds(30) & w.Argument("amount") <= 9);

    /// <summary>One verdict per call of Weigh in Scaled; the one that threw left Scaled by its exception.</summary>
    [PerformanceSpecification]
    public static Specification ScaledWeighing => Specification
        .For<Ledger>(nameof(Ledger.Scaled))
        .Forall("w", Calls.To(nameof(Ledger.Weigh)))
        .Check(w => w.Duration() < Duration.Seconds(30) & w.Argument("amount") <= 9);

    /// <summary>Aliases(3): 'moved' is 0, then 4 written through a ref local.</summary>
    [PerformanceSpecification]
    public static Specification AliasedMoves => Specification
        .For<Ledger>(nameof(Ledger.Aliases))
        .Forall("m", Changes.Of("moved"))
        .Check(m => m.Value() >= 0);

    /// <summary>Aliases(3): 'nested' is 1, then 7 by Accumulate(ref nested, Weigh(3)), then 10.</summary>
    [PerformanceSpecification]
    public static Specification NestedTotals => Specification
        .For<Ledger>(nameof(Ledger.Aliases))
        .Forall("n", Changes.Of("nested"))
        .Check(n => n.Value() >= 1);

    /// <summary>Aliases(3): 'echoed', an out variable declared in a condition, is 3.</summary>
    [PerformanceSpecification]
    public static Specification Echoes => Specification
        .For<Ledger>(nameof(Ledger.Aliases))
        .Forall("e", Changes.Of("echoed"))
        .Check(e => e.Value() == 3);

    /// <summary>Bin&lt;int&gt;.Put, a scoped method of a generic type: one verdict per invocation, however it is reached.</summary>
    [PerformanceSpecification]
    public static Specification BinPuts => Specification
        .For<Bin<int>>(nameof(Bin<int>.Put))
        .Forall("p", Calls.OfScope())
        .Check(p => p.Duration() < Duration.Seconds(30) & p.Result() >= 1);

    /// <summary>The generic call Sizes.Of&lt;T&gt; in Bin&lt;T&gt;.Put's body, with its result.</summary>
    [PerformanceSpecification]
    public static Specification BinSizes => Specification
        .For<Bin<int>>(nameof(Bin<int>.Put))
        .Forall("s", Calls.To(nameof(Sizes.Of)))
        .Check(s => s.Result() >= 1);

    /// <summary>Sizes.All&lt;T&gt;, a generic scoped method: one verdict per invocation, whatever its type argument.</summary>
    [PerformanceSpecification]
    public static Specification Alls => Specification
        .For(typeof(Sizes), nameof(Sizes.All))
        .Forall("a", Calls.OfScope())
        .Check(a => a.Result() >= 0);

    /// <summary>Each call of Sizes.Of&lt;T&gt; in Sizes.All&lt;T&gt;'s loop.</summary>
    [PerformanceSpecification]
    public static Specification AllSizes => Specification
        .For(typeof(Sizes), nameof(Sizes.All))
        .Forall("s", Calls.To(nameof(Sizes.Of)))
        .Check(s => s.Result() >= 1);

    /// <summary>One verdict per invocation of Bump (a synchronous scope the caller invokes 100 times).</summary>
    [PerformanceSpecification]
    public static Specification Bumps => Specification
        .For<Ledger>(nameof(Ledger.Bump))
        .Forall("b", Calls.OfScope())
        .Check(b => b.Duration() < Duration.Seconds(30));

    /// <summary>Gauge.Read reached through Meter: one verdict per call, beside its own [MaxDuration].</summary>
    [PerformanceSpecification]
    public static Specification GaugeReads => Specification
        .For<Gauge>(nameof(Gauge.Read))
        .Forall("r", Calls.OfScope())
        .Check(r => r.Result() == r.Argument("x") * 2 + 1);

    /// <summary>The value task of PullAsync ends the invocation when it completes, with its result.</summary>
    [PerformanceSpecification]
    public static Specification Pulls => Specification
        .For<Feed>(nameof(Feed.PullAsync))
        .Forall("p", Calls.OfScope())
        .Check(p => p.Result() == p.Argument("n") * 11);

    [PerformanceSpecification]
    public static Specification Fetches => Specification
        .For<Feed>(nameof(Feed.PullAsync))
        .Forall("f", Calls.To(nameof(Feed.FetchAsync)))
        .Check(f => f.Result() == f.Argument("n"));

    /// <summary>SlowAsync is timed until its task completes (it waits 20 ms), not until it returns.</summary>
    [PerformanceSpecification]
    public static Specification SlowCalls => Specification
        .For<Feed>(nameof(Feed.PullAsync))
        .Forall("s", Calls.To(nameof(Feed.SlowAsync)))
        .Check(s => s.Result() == s.Argument("n") * 10 & s.Duration() >= Duration.Milliseconds(15));

    /// <summary>got: assigned an awaited result, then a compound assignment, in an async method (a hoisted local).</summary>
    [PerformanceSpecification]
    public static Specification Gots => Specification
        .For<Feed>(nameof(Feed.PullAsync))
        .Forall("g", Changes.Of("got"))
        .Check(g => g.Value() >= 1);

    /// <summary>The argument is the value passed (50), whatever the body assigns to the parameter later (10).</summary>
    [PerformanceSpecification]
    public static Specification Clamps => Specification
        .For<Ledger>(nameof(Ledger.Clamp))
        .Forall("c", Calls.OfScope())
        .Check(c => c.Argument("limit") == 50 & c.Result() == 10);

    /// <summary>The parameter at entry (50), then its write in the body (10).</summary>
    [PerformanceSpecification]
    public static Specification Limits => Specification
        .For<Ledger>(nameof(Ledger.Clamp))
        .Forall("l", Changes.Of("limit"))
        .Check(l => l.Value() >= 10);
}
