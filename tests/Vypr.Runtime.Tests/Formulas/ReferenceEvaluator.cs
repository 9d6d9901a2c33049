using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Vypr.Formulas;
using Vypr.Runtime.Monitoring;

namespace Vypr.Runtime.Tests.Formulas;

/// <summary>
/// Computes verdicts offline from a whole trace by following the rules of docs/spec-language.md ("What a binding
/// is, exactly") literally. It is written to be obviously right, not fast: it enumerates every binding of every
/// invocation, measures every atom, and replays the observations in order. The online monitor must agree with it.
/// </summary>
internal static class ReferenceEvaluator
{
    public static IReadOnlyList<ExpectedVerdict> Evaluate(Trace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        Specification specification = trace.Specification;
        Dictionary<int, TracePoint> points = trace.Points.ToDictionary(p => p.Id);

        var verdicts = new List<ExpectedVerdict>();

        // Rule 1: events of different invocations never mix; within one, the order is the recording order (Seq).
        foreach (IGrouping<long, TraceEvent> invocation in trace.Events.GroupBy(e => e.Invocation))
        {
            TraceEvent[] events = invocation.OrderBy(e => e.Seq).ToArray();
            foreach (TraceEvent[] binding in Bindings(specification, points, events))
            {
                verdicts.Add(Decide(specification, points, invocation.Key, binding));
            }
        }

        return verdicts
            .OrderBy(v => v.Invocation)
            .ThenBy(v => v.SlotSeqs, SlotSeqsComparer.Instance)
            .ToList();
    }

    // Rule 2: whether a point matches a slot depends only on the point's kind and target.
    public static bool Matches(BindingSlot slot, TracePoint point)
    {
        Quantifier quantifier = slot.Quantifier;
        return quantifier.Kind switch
        {
            QuantifierKind.Calls => point.Kind == PointKind.Call
                && point.Method == quantifier.Method
                && (quantifier.DeclaringType is null || point.DeclaringType == quantifier.DeclaringType),
            QuantifierKind.Changes => point.Kind == PointKind.Change && point.Variable == quantifier.Variable,
            QuantifierKind.ScopeCalls => point.Kind == PointKind.ScopeCall,
            _ => throw new ArgumentOutOfRangeException(nameof(slot), quantifier.Kind, "unknown quantifier kind"),
        };
    }

    // Rule 4, with the slots filled left to right so that a slot's After (always an earlier slot) is already bound.
    // A combination in which some slot cannot be filled yields nothing: that binding never completes.
    private static IEnumerable<TraceEvent[]> Bindings(Specification specification, Dictionary<int, TracePoint> points, TraceEvent[] events)
    {
        var partial = new List<TraceEvent[]> { new TraceEvent[specification.Slots.Count] };
        foreach (BindingSlot slot in specification.Slots)
        {
            var extended = new List<TraceEvent[]>();
            foreach (TraceEvent[] binding in partial)
            {
                foreach (TraceEvent chosen in Candidates(slot, points, events, binding))
                {
                    var next = (TraceEvent[])binding.Clone();
                    next[slot.Index] = chosen;
                    extended.Add(next);
                }
            }

            partial = extended;
        }

        return partial;
    }

    private static IEnumerable<TraceEvent> Candidates(BindingSlot slot, Dictionary<int, TracePoint> points, TraceEvent[] events, TraceEvent[] binding)
    {
        bool MatchesSlot(TraceEvent e) => Matches(slot, points[e.Point]);

        // "Starts after q's event": strictly later than q's moment (a state's moment is its time, a call's its end).
        bool AfterItsSlot(TraceEvent e) => slot.AfterSlot < 0 || e.Start > binding[slot.AfterSlot].End;

        if (slot.IsNextCall)
        {
            // The first matching call, at any point, that starts after its state.
            TraceEvent? first = events.FirstOrDefault(e => MatchesSlot(e) && AfterItsSlot(e));
            return first is null ? [] : [first];
        }

        if (slot.Index == 0)
        {
            // Every matching event creates bindings (each loop iteration its own).
            return events.Where(e => MatchesSlot(e) && AfterItsSlot(e));
        }

        // For each matching point: the first event there (after the After slot's event, if any).
        var chosen = new List<TraceEvent>();
        foreach (TracePoint point in points.Values.Where(p => Matches(slot, p)).OrderBy(p => p.Id))
        {
            TraceEvent? first = events.FirstOrDefault(e => e.Point == point.Id && AfterItsSlot(e));
            if (first is not null)
            {
                chosen.Add(first);
            }
        }

        return chosen;
    }

    // Rule 5: every atom is observed once, when the last event it reads is recorded; the observations are applied in
    // that order (ties by atom index) until the three-valued formula is decided.
    private static ExpectedVerdict Decide(Specification specification, Dictionary<int, TracePoint> points, long invocation, TraceEvent[] binding)
    {
        var observations = specification.Atoms
            .Select(atom => (
                Atom: atom,
                Availability: MeasuredTerms(atom).Max(m => binding[m.Slot].Seq),
                Observation: Observe(atom, binding, points)))
            .OrderBy(o => o.Availability)
            .ThenBy(o => o.Atom.Index)
            .ToList();

        var known = new bool?[specification.Atoms.Count];
        var applied = new List<int>();
        foreach (var (atom, _, observation) in observations)
        {
            known[atom.Index] = observation.Holds;
            applied.Add(atom.Index);
            if (Evaluate(specification.Body, known) is bool value)
            {
                double magnitude = Math.Abs(observation.Severity);
                return new ExpectedVerdict(
                    invocation,
                    binding.Select(e => e.Seq).ToArray(),
                    value,
                    atom.Index,
                    applied.ToArray(),
                    value ? magnitude : -magnitude);
            }
        }

        // With every atom known the formula is always decided, so a complete binding always gets here first.
        throw new InvalidOperationException("a formula with every atom observed was not decided: " + specification);
    }

    // Kleene's three-valued logic: null is "not observed yet".
    private static bool? Evaluate(Formula formula, bool?[] known) => formula switch
    {
        Atom atom => known[atom.Index],
        Negation not => !Evaluate(not.Operand, known),
        Conjunction and => And(Evaluate(and.Left, known), Evaluate(and.Right, known)),
        Disjunction or => Or(Evaluate(or.Left, known), Evaluate(or.Right, known)),
        Implication implication => Or(!Evaluate(implication.Condition, known), Evaluate(implication.Consequence, known)),
        _ => throw new ArgumentOutOfRangeException(nameof(formula), formula, "unknown formula node"),
    };

    private static bool? And(bool? left, bool? right) =>
        left == false || right == false ? false : left == true && right == true ? true : null;

    private static bool? Or(bool? left, bool? right) =>
        left == true || right == true ? true : left == false && right == false ? false : null;

    // Rules 6, 8 and 9: whether the atom holds for this binding, and its own signed distance to its bound (the
    // verdict later keeps only the magnitude and gives it the verdict's sign).
    private static (bool Holds, double Severity) Observe(Atom atom, TraceEvent[] binding, Dictionary<int, TracePoint> points)
    {
        Value left = Measure(atom.Left, binding, points);
        if (atom.Comparison == Comparison.In)
        {
            Bounds interval = atom.Interval ?? throw new InvalidOperationException("an In atom without an interval: " + atom);
            return left switch
            {
                Missing => (false, 0),
                Number v => (interval.Contains(v.Amount), Math.Min(v.Amount - interval.Lower, interval.Upper - v.Amount)),
                _ => (false, 1),
            };
        }

        Term rightTerm = atom.Right ?? throw new InvalidOperationException("a comparison without a right-hand side: " + atom);
        Value right = Measure(rightTerm, binding, points);
        return (left, right) switch
        {
            (Missing, _) or (_, Missing) => (false, 0),
            (Number v, Number r) => (CompareNumbers(atom.Comparison, v.Amount, r.Amount), NumberSeverity(atom.Comparison, v.Amount, r.Amount)),
            (Text v, Text r) => (atom.Comparison switch
            {
                Comparison.Equal => string.Equals(v.Content, r.Content, StringComparison.Ordinal),
                Comparison.NotEqual => !string.Equals(v.Content, r.Content, StringComparison.Ordinal),
                _ => false,
            }, 1),

            // A number against a text (or null): never equal, and not ordered.
            _ => (atom.Comparison == Comparison.NotEqual, 1),
        };
    }

    // IEEE comparisons: NaN makes every comparison false except !=.
    private static bool CompareNumbers(Comparison comparison, double v, double r) => comparison switch
    {
        Comparison.Less => v < r,
        Comparison.LessOrEqual => v <= r,
        Comparison.Greater => v > r,
        Comparison.GreaterOrEqual => v >= r,
        Comparison.Equal => v == r,
        Comparison.NotEqual => v != r,
        _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison, "not a binary comparison"),
    };

    private static double NumberSeverity(Comparison comparison, double v, double r) => comparison switch
    {
        Comparison.Less or Comparison.LessOrEqual => r - v,
        Comparison.Greater or Comparison.GreaterOrEqual => v - r,
        Comparison.Equal => -Math.Abs(v - r),
        Comparison.NotEqual => Math.Abs(v - r),
        _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison, "not a binary comparison"),
    };

    // Rule 8: the value of a term for this binding.
    private static Value Measure(Term term, TraceEvent[] binding, Dictionary<int, TracePoint> points)
    {
        switch (term)
        {
            case ConstantTerm constant:
                return constant.IsText ? new Text(constant.Text) : new Number(constant.Number);
            case ArithmeticTerm arithmetic:
                Value left = Measure(arithmetic.Left, binding, points);
                Value right = Measure(arithmetic.Right, binding, points);
                if (left is not Number l || right is not Number r)
                {
                    return Missing.Instance;
                }

                return new Number(arithmetic.Operator switch
                {
                    ArithmeticOperator.Add => l.Amount + r.Amount,
                    ArithmeticOperator.Subtract => l.Amount - r.Amount,
                    ArithmeticOperator.Multiply => l.Amount * r.Amount,
                    ArithmeticOperator.Divide => l.Amount / r.Amount,
                    _ => throw new ArgumentOutOfRangeException(nameof(term), arithmetic.Operator, "unknown operator"),
                });
            case MeasuredTerm measured:
                return Read(measured, binding[measured.Slot], points[binding[measured.Slot].Point]);
            default:
                throw new ArgumentOutOfRangeException(nameof(term), term, "unknown term");
        }
    }

    private static Value Read(MeasuredTerm measured, TraceEvent e, TracePoint point)
    {
        switch (measured.Measurement)
        {
            case Measurement.Duration:
                return new Number(RunClock.Nanoseconds(e.Start, e.End));
            case Measurement.Start:
                return new Number(RunClock.Nanoseconds(0, e.Start));
            case Measurement.End:
                return new Number(RunClock.Nanoseconds(0, e.End));
            case Measurement.Result when e.Threw:
                // Rule 6: a call that threw has no result (nor a length of one), whatever its probe left there.
                return Missing.Instance;
        }

        string capture = measured.CaptureName!;
        int position = IndexOf(point.Captures, capture);
        if (position < 0)
        {
            // Generated code always captures what the formula reads; a trace without it is malformed.
            throw new InvalidOperationException($"point {point.Id} does not capture '{capture}', which {measured} reads");
        }

        return e.Values[position] switch
        {
            null => new Text(null),
            double number => new Number(number),
            string text => new Text(text),
            object other => throw new InvalidOperationException(
                $"event {e.Invocation}:{e.Seq} carries a {other.GetType().Name} ({Convert.ToString(other, CultureInfo.InvariantCulture)}); captured values are double, string or null"),
        };
    }

    private static int IndexOf(IReadOnlyList<string> captures, string capture)
    {
        for (int i = 0; i < captures.Count; i++)
        {
            if (captures[i] == capture)
            {
                return i;
            }
        }

        return -1;
    }

    private static IEnumerable<MeasuredTerm> MeasuredTerms(Atom atom) =>
        MeasuredTerms(atom.Left).Concat(atom.Right is null ? [] : MeasuredTerms(atom.Right));

    private static IEnumerable<MeasuredTerm> MeasuredTerms(Term term) => term switch
    {
        MeasuredTerm measured => [measured],
        ArithmeticTerm arithmetic => MeasuredTerms(arithmetic.Left).Concat(MeasuredTerms(arithmetic.Right)),
        _ => [],
    };

    // A term's value: a number, a text (null counts as a text, rule 8), or missing (a threw result, or arithmetic
    // over something that is not a number).
    private abstract record Value;

    private sealed record Number(double Amount) : Value;

    private sealed record Text(string? Content) : Value;

    private sealed record Missing : Value
    {
        public static readonly Missing Instance = new();
    }

    private sealed class SlotSeqsComparer : IComparer<IReadOnlyList<int>>
    {
        public static readonly SlotSeqsComparer Instance = new();

        public int Compare(IReadOnlyList<int>? x, IReadOnlyList<int>? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            for (int i = 0; i < Math.Min(x.Count, y.Count); i++)
            {
                int order = x[i].CompareTo(y[i]);
                if (order != 0)
                {
                    return order;
                }
            }

            return x.Count.CompareTo(y.Count);
        }
    }
}
