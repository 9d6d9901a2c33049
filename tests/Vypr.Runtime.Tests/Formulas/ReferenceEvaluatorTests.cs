using System;
using System.Collections.Generic;
using System.Diagnostics;
using Vypr.Runtime.Monitoring;
using Xunit;

namespace Vypr.Runtime.Tests.Formulas;

/// <summary>
/// The reference evaluator on small hand-built traces whose verdicts are worked out by hand from the rules of
/// docs/spec-language.md. Times are written in milliseconds and severities in nanoseconds.
/// </summary>
public sealed class ReferenceEvaluatorTests
{
    private const double Ms = 1e6;

    // ---- the VyPR examples ----------------------------------------------------------------------------------

    [Fact]
    public void Writes_after_a_change_to_big_bin_take_at_most_a_second()
    {
        // The doc's example: Forall(q = changes('file')).Forall(t = calls('write', after='q')).
        Specification specification = Specification
            .For<Uploader>(nameof(Uploader.Upload))
            .Forall("q", Changes.Of("file"))
            .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)).After("q"))
            .Check((q, t) => Formula.If(q.Value() == "big.bin").Then(t.Duration() <= Duration.Seconds(1)));
        TracePoint[] points = [ChangeAt(1, "file"), CallAt<FileStore>(2, nameof(FileStore.Write)), CallAt<FileStore>(3, nameof(FileStore.Write)), ScopeAt(4)];
        TraceEvent[] events =
        [
            Event(1, 1, 1, 0, 0, "small.txt"),
            Event(1, 2, 2, 100, 500),
            Event(1, 3, 1, 600, 600, "big.bin"),
            Event(1, 4, 2, 700, 2000),
            Event(1, 5, 3, 2100, 2300),
            Event(1, 6, 2, 2400, 2500),
            Event(1, 7, 4, 0, 3000),
        ];

        // Each change gets the first write after it at each of the two call sites; "small.txt" decides by the
        // condition alone (texts have severity 1), "big.bin" needs the write's duration.
        AssertVerdicts(
            specification,
            points,
            events,
            Verdict(1, [1, 2], true, 0, [0], 1),
            Verdict(1, [1, 5], true, 0, [0], 1),
            Verdict(1, [3, 4], false, 1, [0, 1], -300 * Ms),
            Verdict(1, [3, 5], true, 1, [0, 1], 800 * Ms));
    }

    [Fact]
    public void Max_duration_is_a_check_of_every_scoped_call()
    {
        // [MaxDuration("50ms")] is Forall(call = the scoped method's calls).Check(call.Duration() <= 50ms).
        Specification specification = Specification
            .For<Uploader>(nameof(Uploader.Upload))
            .Forall("call", Calls.OfScope())
            .Check(call => call.Duration() <= Duration.Milliseconds(50));
        TracePoint[] points = [CallAt<FileStore>(1, nameof(FileStore.Write)), ScopeAt(2), ScopeAt(3)];

        // Two interleaved invocations (say two threads); other events are not scoped calls.
        TraceEvent[] events =
        [
            Event(7, 1, 1, 5, 10),
            Event(3, 1, 1, 15, 20),
            Event(7, 2, 2, 0, 40),
            Event(3, 2, 3, 10, 80),
        ];

        AssertVerdicts(
            specification,
            points,
            events,
            Verdict(3, [2], false, 0, [0], -20 * Ms),
            Verdict(7, [2], true, 0, [0], 10 * Ms));
    }

    [Fact]
    public void The_next_call_after_a_change_is_the_first_one_that_starts_after_it_at_any_call_site()
    {
        // VyPR's If(q('x') <= 10).then(q.next_call('query').duration() <= 0.5).
        Specification specification = Specification
            .For<Uploader>(nameof(Uploader.Upload))
            .Forall("q", Changes.Of("x"))
            .Check(q => Formula.If(q.Value() <= 10).Then(q.NextCall<Database>(nameof(Database.Query)).Duration() <= Duration.Milliseconds(500)));
        Assert.Equal(2, specification.Slots.Count);
        TracePoint[] points =
        [
            ChangeAt(1, "x"),
            CallAt<Database>(2, nameof(Database.Query)),
            CallAt<Database>(3, nameof(Database.Query)),
            CallAt<FileStore>(4, nameof(FileStore.Query)),
            ScopeAt(5),
        ];
        TraceEvent[] events =
        [
            Event(1, 1, 1, 0, 0, 5.0),
            Event(1, 2, 2, 0, 100), // starts at q's moment, not after it
            Event(1, 3, 1, 200, 200, 20.0),
            Event(1, 4, 4, 300, 400), // same name, other type
            Event(1, 5, 3, 300, 1000),
            Event(1, 6, 2, 1050, 1060), // a later query is not the next one
            Event(1, 7, 1, 1100, 1100, 1.0), // no query after it: no verdict
            Event(1, 8, 5, 0, 1200),
        ];

        AssertVerdicts(
            specification,
            points,
            events,
            Verdict(1, [1, 5], false, 1, [0, 1], -200 * Ms),
            Verdict(1, [3, 5], true, 0, [0], 10));
    }

    [Fact]
    public void Time_between_a_change_and_a_call_and_a_bound_computed_from_a_value()
    {
        // VyPR's timeBetween(q, t) and t.duration() < q('size') * 0.7, in explicit units.
        Specification specification = Specification
            .For<Uploader>(nameof(Uploader.Upload))
            .Forall("q", Changes.Of("size"))
            .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)).After("q"))
            .Check((q, t) => Time.Between(q, t.End()).In(Interval.Closed(Duration.Seconds(0), Duration.Seconds(1)))
                & (t.Duration() < (q.Value() * 0.7).AsDuration(DurationUnit.Milliseconds)));
        TracePoint[] points = [ChangeAt(1, "size"), CallAt<FileStore>(2, nameof(FileStore.Write)), ScopeAt(3)];
        TraceEvent[] events =
        [
            Event(1, 1, 1, 0, 0, 100.0),
            Event(1, 2, 2, 100, 150),
            Event(1, 3, 1, 200, 200, 10.0),
            Event(1, 4, 2, 300, 1500),
            Event(1, 5, 3, 0, 1600),
        ];

        // Both atoms read both events, so they are available together and apply in index order.
        AssertVerdicts(
            specification,
            points,
            events,
            Verdict(1, [1, 2], true, 1, [0, 1], (100 * 0.7 * Ms) - (50 * Ms)),
            Verdict(1, [3, 4], false, 0, [0], -300 * Ms));
    }

    // ---- bindings -------------------------------------------------------------------------------------------

    [Fact]
    public void A_later_quantifier_binds_only_the_first_event_at_each_of_its_points()
    {
        Specification specification = Specification
            .For<Uploader>(nameof(Uploader.Upload))
            .Forall("r", Calls.To<Database>(nameof(Database.Query)))
            .Forall("w", Calls.To<FileStore>(nameof(FileStore.Write)))
            .Check((r, w) => w.Duration() < r.Duration());
        TracePoint[] points =
        [
            CallAt<Database>(1, nameof(Database.Query)),
            CallAt<FileStore>(2, nameof(FileStore.Write)),
            CallAt<FileStore>(3, nameof(FileStore.Write)),
            CallAt<FileStore>(4, nameof(FileStore.Write)), // never reached: no binding can use it
            ScopeAt(5),
        ];
        TraceEvent[] events =
        [
            Event(1, 1, 2, 0, 5),
            Event(1, 2, 1, 10, 20),
            Event(1, 3, 2, 20, 22),
            Event(1, 4, 3, 30, 60),
            Event(1, 5, 1, 60, 61),
            Event(1, 6, 3, 70, 71),
            Event(1, 7, 5, 0, 100),
        ];

        // Without After, the first write at a point is the first in the invocation, even before the query.
        AssertVerdicts(
            specification,
            points,
            events,
            Verdict(1, [2, 1], true, 0, [0], 5 * Ms),
            Verdict(1, [2, 4], false, 0, [0], -20 * Ms),
            Verdict(1, [5, 1], false, 0, [0], -4 * Ms),
            Verdict(1, [5, 4], false, 0, [0], -29 * Ms));
    }

    [Fact]
    public void After_means_starting_strictly_after_the_earlier_events_moment()
    {
        Specification specification = Specification
            .For<Uploader>(nameof(Uploader.Upload))
            .Forall("r", Calls.To<Database>(nameof(Database.Query)))
            .Forall("q", Changes.Of("x").After("r"))
            .Forall("w", Calls.To<FileStore>(nameof(FileStore.Write)).After("q"))
            .Check((r, q, w) => (q.Value() == 1) & (w.Duration() < Duration.Milliseconds(10)));
        TracePoint[] points = [CallAt<Database>(1, nameof(Database.Query)), ChangeAt(2, "x"), CallAt<FileStore>(3, nameof(FileStore.Write)), ScopeAt(4)];
        TraceEvent[] events =
        [
            Event(1, 1, 2, 15, 15, 1.0), // during the query (10..20): not after it
            Event(1, 2, 1, 10, 20),
            Event(1, 3, 2, 20, 20, 1.0), // at the query's end: not after it
            Event(1, 4, 3, 25, 30), // starts after the query, but not after any change yet bound
            Event(1, 5, 2, 30, 30, 2.0), // the change after the query
            Event(1, 6, 3, 30, 33), // starts at the change's moment: not after it
            Event(1, 7, 3, 31, 45),
            Event(1, 8, 1, 50, 55), // a second query: no change after it, so no verdict
            Event(1, 9, 4, 0, 60),
        ];

        // The binding is decided false by q's value alone, before w is bound, yet it needs w to exist.
        AssertVerdicts(
            specification,
            points,
            events,
            Verdict(1, [2, 5, 7], false, 0, [0], -1));
    }

    [Fact]
    public void A_loop_creates_one_binding_per_iteration()
    {
        // for (...) { x = Next(); Write(x); }
        Specification specification = Specification
            .For<Uploader>(nameof(Uploader.Upload))
            .Forall("q", Changes.Of("x"))
            .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)).After("q"))
            .Check((q, t) => t.Argument("n") == q.Value());
        TracePoint[] points = [ChangeAt(1, "x"), CallAt<FileStore>(2, nameof(FileStore.Write), "arg:n"), ScopeAt(3)];
        TraceEvent[] events =
        [
            Event(1, 1, 1, 1, 1, 1.0),
            Event(1, 2, 2, 2, 3, 1.0),
            Event(1, 3, 1, 4, 4, 2.0),
            Event(1, 4, 2, 5, 6, 7.0),
            Event(1, 5, 1, 7, 7, 3.0),
            Event(1, 6, 2, 8, 9, 3.0),
            Event(1, 7, 3, 0, 10),
        ];

        // == has severity -|v - r|: 0 when equal.
        AssertVerdicts(
            specification,
            points,
            events,
            Verdict(1, [1, 2], true, 0, [0], 0),
            Verdict(1, [3, 4], false, 0, [0], -5),
            Verdict(1, [5, 6], true, 0, [0], 0));
    }

    [Fact]
    public void Atoms_apply_in_the_order_their_events_arrive_then_by_index()
    {
        Specification specification = Specification
            .For<Uploader>(nameof(Uploader.Upload))
            .Forall("q", Changes.Of("x"))
            .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)).After("q"))
            .Check((q, t) => (t.Duration() < Duration.Milliseconds(1)) | (q.Value() > 2) | (t.Argument("n") > 2));
        TracePoint[] points = [ChangeAt(1, "x"), CallAt<FileStore>(2, nameof(FileStore.Write), "arg:n"), ScopeAt(3)];
        TraceEvent[] events =
        [
            Event(1, 1, 1, 0, 0, 3.0),
            Event(1, 2, 2, 1, 3, 0.0),
            Event(1, 3, 1, 4, 4, 0.0),
            Event(1, 4, 2, 5, 9, 5.0),
            Event(1, 5, 3, 0, 10),
        ];

        // Atom 1 reads only q, so it applies first; atoms 0 and 2 both become available with t, in index order.
        AssertVerdicts(
            specification,
            points,
            events,
            Verdict(1, [1, 2], true, 1, [1], 1),
            Verdict(1, [3, 4], true, 2, [1, 0, 2], 3));
    }

    // ---- values ---------------------------------------------------------------------------------------------

    [Fact]
    public void A_call_that_threw_still_has_a_duration_but_no_result()
    {
        Specification specification = Specification
            .For<Uploader>(nameof(Uploader.Upload))
            .Forall("t", Calls.To<Database>(nameof(Database.Query)))
            .Check(t => (t.Result() != 5) | (t.Result().Length() >= 0) | (t.Duration() > Duration.Milliseconds(1)));
        TracePoint[] points = [CallAt<Database>(1, nameof(Database.Query), "result#length", "result"), ScopeAt(2)];
        TraceEvent[] events =
        [
            // The probe left values in the result captures; a call that threw has none, whatever is there.
            new TraceEvent(1, 1, 1, Ticks(0), Ticks(4), Threw: true, [2.0, 7.0]),
            new TraceEvent(1, 2, 1, Ticks(5), Ticks(5.5), Threw: true, [null, null]),
            Event(1, 3, 1, 6, 7, 2.0, 5.0),
            Event(1, 4, 2, 0, 8),
        ];

        // Missing results make their atoms false (even !=) with severity 0; the duration still decides.
        AssertVerdicts(
            specification,
            points,
            events,
            Verdict(1, [1], true, 2, [0, 1, 2], 3 * Ms),
            Verdict(1, [2], false, 2, [0, 1, 2], -0.5 * Ms),
            Verdict(1, [3], true, 1, [0, 1], 2));
    }

    [Fact]
    public void Texts_numbers_and_nulls_compare_by_the_mixed_rules()
    {
        Specification specification = Specification
            .For<Uploader>(nameof(Uploader.Upload))
            .Forall("q", Changes.Of("x"))
            .Check(q => q.Value() == "3");
        Specification unequal = Specification
            .For<Uploader>(nameof(Uploader.Upload))
            .Forall("q", Changes.Of("x"))
            .Check(q => q.Value() != 3);
        Specification ordered = Specification
            .For<Uploader>(nameof(Uploader.Upload))
            .Forall("q", Changes.Of("x"))
            .Check(q => !(q.Value() < 3));
        Specification isNull = Specification
            .For<Uploader>(nameof(Uploader.Upload))
            .Forall("q", Changes.Of("x"))
            .Check(q => q.Value() == (string?)null);
        Specification arithmetic = Specification
            .For<Uploader>(nameof(Uploader.Upload))
            .Forall("q", Changes.Of("x"))
            .Check(q => !(q.Value() + 1 >= 0));
        TracePoint[] points = [ChangeAt(1, "x"), ScopeAt(2)];
        TraceEvent[] events =
        [
            Event(1, 1, 1, 0, 0, "3"),
            Event(1, 2, 1, 1, 1, 3.0),
            Event(1, 3, 1, 2, 2, [null]),
            Event(1, 4, 1, 3, 3, "b"),
            Event(1, 5, 1, 4, 4, double.NaN),
            Event(1, 6, 2, 0, 5),
        ];

        // Text against text is ordinal, null is a text equal only to null, a number is never equal to a text.
        AssertVerdicts(
            specification,
            points,
            events,
            Verdict(1, [1], true, 0, [0], 1),
            Verdict(1, [2], false, 0, [0], -1),
            Verdict(1, [3], false, 0, [0], -1),
            Verdict(1, [4], false, 0, [0], -1),
            Verdict(1, [5], false, 0, [0], -1));

        // != against a number: a text or null differs (severity 1); NaN differs from everything (severity NaN).
        AssertVerdicts(
            unequal,
            points,
            events,
            Verdict(1, [1], true, 0, [0], 1),
            Verdict(1, [2], false, 0, [0], 0),
            Verdict(1, [3], true, 0, [0], 1),
            Verdict(1, [4], true, 0, [0], 1),
            Verdict(1, [5], true, 0, [0], double.NaN));

        // Ordering a text or null against a number is false; NaN < 3 is false too.
        AssertVerdicts(
            ordered,
            points,
            events,
            Verdict(1, [1], true, 0, [0], 1),
            Verdict(1, [2], true, 0, [0], 0),
            Verdict(1, [3], true, 0, [0], 1),
            Verdict(1, [4], true, 0, [0], 1),
            Verdict(1, [5], true, 0, [0], double.NaN));

        AssertVerdicts(
            isNull,
            points,
            events,
            Verdict(1, [1], false, 0, [0], -1),
            Verdict(1, [2], false, 0, [0], -1),
            Verdict(1, [3], true, 0, [0], 1),
            Verdict(1, [4], false, 0, [0], -1),
            Verdict(1, [5], false, 0, [0], -1));

        // Arithmetic on a text or null is missing: the atom is false with severity 0, so its negation holds.
        AssertVerdicts(
            arithmetic,
            points,
            events,
            Verdict(1, [1], true, 0, [0], 0),
            Verdict(1, [2], false, 0, [0], -4),
            Verdict(1, [3], true, 0, [0], 0),
            Verdict(1, [4], true, 0, [0], 0),
            Verdict(1, [5], true, 0, [0], double.NaN));
    }

    [Theory]
    [InlineData("closed", true, true, true)]
    [InlineData("open", false, true, false)]
    [InlineData("closed-open", true, true, false)]
    [InlineData("open-closed", false, true, true)]
    public void Interval_ends_are_included_only_when_closed(string kind, bool lowerEnd, bool inside, bool upperEnd)
    {
        Interval<double> interval = kind switch
        {
            "closed" => Interval.Closed(1, 3),
            "open" => Interval.Open(1, 3),
            "closed-open" => Interval.ClosedOpen(1, 3),
            _ => Interval.OpenClosed(1, 3),
        };
        Interval<Duration> durations = kind switch
        {
            "closed" => Interval.Closed(Duration.Milliseconds(1), Duration.Milliseconds(3)),
            "open" => Interval.Open(Duration.Milliseconds(1), Duration.Milliseconds(3)),
            "closed-open" => Interval.ClosedOpen(Duration.Milliseconds(1), Duration.Milliseconds(3)),
            _ => Interval.OpenClosed(Duration.Milliseconds(1), Duration.Milliseconds(3)),
        };
        Specification values = Specification
            .For<Uploader>(nameof(Uploader.Upload))
            .Forall("q", Changes.Of("x"))
            .Check(q => q.Value().In(interval));
        Specification times = Specification
            .For<Uploader>(nameof(Uploader.Upload))
            .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)))
            .Check(t => t.Duration().In(durations));
        TracePoint[] points = [ChangeAt(1, "x"), CallAt<FileStore>(2, nameof(FileStore.Write)), ScopeAt(3)];
        TraceEvent[] events =
        [
            Event(1, 1, 1, 0, 0, 1.0),
            Event(1, 2, 1, 0, 0, 2.5),
            Event(1, 3, 1, 0, 0, 3.0),
            Event(1, 4, 1, 0, 0, 4.0),
            Event(1, 5, 2, 0, 1),
            Event(1, 6, 2, 1, 3.5),
            Event(1, 7, 2, 4, 7),
            Event(1, 8, 3, 0, 8),
        ];

        // Severity min(v - a, b - v): 0 at either end, whichever side the end is on.
        AssertVerdicts(
            values,
            points,
            events,
            Verdict(1, [1], lowerEnd, 0, [0], 0),
            Verdict(1, [2], inside, 0, [0], 0.5),
            Verdict(1, [3], upperEnd, 0, [0], 0),
            Verdict(1, [4], false, 0, [0], -1));
        AssertVerdicts(
            times,
            points,
            events,
            Verdict(1, [5], lowerEnd, 0, [0], 0),
            Verdict(1, [6], inside, 0, [0], 0.5 * Ms),
            Verdict(1, [7], upperEnd, 0, [0], 0));
    }

    [Fact]
    public void Severity_takes_the_verdicts_sign_not_the_deciding_atoms()
    {
        Specification negated = Specification
            .For<Uploader>(nameof(Uploader.Upload))
            .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)))
            .Check(t => !(t.Duration() <= Duration.Milliseconds(1)));
        Specification greater = Specification
            .For<Uploader>(nameof(Uploader.Upload))
            .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)))
            .Check(t => t.Duration() > Duration.Milliseconds(1));
        Specification unequal = Specification
            .For<Uploader>(nameof(Uploader.Upload))
            .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)))
            .Check(t => t.Duration() != Duration.Milliseconds(1));
        TracePoint[] points = [CallAt<FileStore>(1, nameof(FileStore.Write)), ScopeAt(2)];
        TraceEvent[] events =
        [
            Event(1, 1, 1, 0, 3),
            Event(1, 2, 1, 3, 3.5),
            Event(1, 3, 1, 4, 5),
            Event(1, 4, 2, 0, 6),
        ];

        // The atom's distance r - v is -2ms when it fails; the negation holds, so the verdict's severity is +2ms.
        AssertVerdicts(
            negated,
            points,
            events,
            Verdict(1, [1], true, 0, [0], 2 * Ms),
            Verdict(1, [2], false, 0, [0], -0.5 * Ms),
            Verdict(1, [3], false, 0, [0], 0));
        AssertVerdicts(
            greater,
            points,
            events,
            Verdict(1, [1], true, 0, [0], 2 * Ms),
            Verdict(1, [2], false, 0, [0], -0.5 * Ms),
            Verdict(1, [3], false, 0, [0], 0));
        AssertVerdicts(
            unequal,
            points,
            events,
            Verdict(1, [1], true, 0, [0], 2 * Ms),
            Verdict(1, [2], true, 0, [0], 0.5 * Ms),
            Verdict(1, [3], false, 0, [0], 0));
    }

    [Fact]
    public void Calls_by_name_match_every_declaring_type_and_changes_match_their_variable()
    {
        Specification specification = Specification
            .For<Uploader>(nameof(Uploader.Upload))
            .Forall("t", Calls.To(nameof(Database.Query)))
            .Check(t => Time.Between(t.Start(), t.End()) < Duration.Milliseconds(2));
        TracePoint[] points =
        [
            CallAt<Database>(1, nameof(Database.Query)),
            CallAt<FileStore>(2, nameof(FileStore.Query)),
            CallAt<FileStore>(3, nameof(FileStore.Write)),
            ChangeAt(4, "Query"),
            ScopeAt(5),
        ];
        TraceEvent[] events =
        [
            Event(1, 1, 4, 0, 0, 1.0),
            Event(1, 2, 3, 0, 1),
            Event(1, 3, 1, 1, 2),
            Event(1, 4, 2, 3, 6),
            Event(1, 5, 5, 0, 7),
        ];

        AssertVerdicts(
            specification,
            points,
            events,
            Verdict(1, [3], true, 0, [0], 1 * Ms),
            Verdict(1, [4], false, 0, [0], -1 * Ms));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static void AssertVerdicts(Specification specification, TracePoint[] points, TraceEvent[] events, params ExpectedVerdict[] expected)
    {
        IReadOnlyList<ExpectedVerdict> actual = ReferenceEvaluator.Evaluate(new Trace(specification, points, events));
        Assert.Equal(expected, actual);
    }

    private static ExpectedVerdict Verdict(long invocation, int[] slots, bool value, int deciding, int[] observed, double severity) =>
        new(invocation, slots, value, deciding, observed, severity);

    // Timestamps are Stopwatch ticks; the tests think in milliseconds.
    private static long Ticks(double milliseconds) => (long)Math.Round(milliseconds * Ms * Stopwatch.Frequency / 1e9);

    private static TraceEvent Event(long invocation, int seq, int point, double startMs, double endMs, params object?[] values) =>
        new(invocation, seq, point, Ticks(startMs), Ticks(endMs), Threw: false, values);

    private static TracePoint CallAt<T>(int id, string method, params string[] captures) =>
        new(id, PointKind.Call, method, typeof(T).FullName, null, captures);

    private static TracePoint ChangeAt(int id, string variable) => new(id, PointKind.Change, null, null, variable, ["value"]);

    private static TracePoint ScopeAt(int id) => new(id, PointKind.ScopeCall, nameof(Uploader.Upload), typeof(Uploader).FullName, null, []);

    internal sealed class Uploader
    {
        public static void Upload(string file) => FileStore.Write(file.Length, file);
    }

    internal sealed class FileStore
    {
        public static double Write(double n, string file) => n + file.Length;

        public static double Query(double n) => n;
    }

    internal sealed class Database
    {
        public static double Query(double n) => n;
    }
}
