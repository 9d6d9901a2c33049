using System;
using Vypr.Formulas;

namespace Vypr.Runtime.Monitoring;

/// <summary>Computes terms and atoms over a complete binding (docs/spec-language.md, rules 6, 8 and 9).</summary>
internal static class TermMath
{
    /// <summary>Whether the atom holds for the binding, and the magnitude of its distance to the bound.</summary>
    public static bool Observe(FormulaPlan plan, AtomPlan atom, OpenBinding binding, out double magnitude)
    {
        CapturedValue left = Term(plan, atom.Left, binding);
        if (atom.Atom.Comparison == Comparison.In)
        {
            return Within(left, atom.Atom.Interval!, out magnitude);
        }

        return Compare(left, atom.Atom.Comparison, Term(plan, atom.Right, binding), out magnitude);
    }

    /// <summary>The value of a compiled term.</summary>
    public static CapturedValue Term(FormulaPlan plan, int index, OpenBinding binding)
    {
        ref readonly TermNode node = ref plan.Terms[index];
        switch (node.Kind)
        {
            case TermKind.Constant:
                return node.Constant;
            case TermKind.Measured:
                ref SlotState state = ref binding.Slots[node.Slot];
                return node.Measurement switch
                {
                    Measurement.Duration => CapturedValue.OfNumber(RunClock.Nanoseconds(state.Start, state.End)),
                    Measurement.Start => CapturedValue.OfNumber(RunClock.Nanoseconds(0, state.Start)),
                    Measurement.End => CapturedValue.OfNumber(RunClock.Nanoseconds(0, state.End)),
                    Measurement.Result when state.Threw => CapturedValue.Missing,
                    _ => node.Capture < 0 ? CapturedValue.Missing : binding.Values[plan.Slots[node.Slot].ValueOffset + node.Capture],
                };
            default:
                CapturedValue left = Term(plan, node.Left, binding);
                CapturedValue right = Term(plan, node.Right, binding);
                if (left.Kind != ValueKind.Number || right.Kind != ValueKind.Number)
                {
                    return CapturedValue.Missing;
                }

                return CapturedValue.OfNumber(node.Operator switch
                {
                    ArithmeticOperator.Add => left.Number + right.Number,
                    ArithmeticOperator.Subtract => left.Number - right.Number,
                    ArithmeticOperator.Multiply => left.Number * right.Number,
                    _ => left.Number / right.Number,
                });
        }
    }

    /// <summary>Rule 8: how two values compare; rule 9: the magnitude of the distance.</summary>
    public static bool Compare(CapturedValue left, Comparison comparison, CapturedValue right, out double magnitude)
    {
        if (left.Kind == ValueKind.Missing || right.Kind == ValueKind.Missing)
        {
            magnitude = 0;
            return false;
        }

        if (left.Kind == ValueKind.Number && right.Kind == ValueKind.Number)
        {
            double v = left.Number;
            double r = right.Number;
            (bool holds, double distance) = comparison switch
            {
                Comparison.Less => (v < r, r - v),
                Comparison.LessOrEqual => (v <= r, r - v),
                Comparison.Greater => (v > r, v - r),
                Comparison.GreaterOrEqual => (v >= r, v - r),
                Comparison.Equal => (v == r, -Math.Abs(v - r)),
                _ => (v != r, Math.Abs(v - r)),
            };
            magnitude = Math.Abs(distance);
            return holds;
        }

        magnitude = 1;
        bool bothTexts = left.Kind == ValueKind.Text && right.Kind == ValueKind.Text;
        bool equal = bothTexts && string.Equals(left.Text, right.Text, StringComparison.Ordinal);
        return comparison switch
        {
            Comparison.Equal => equal,
            Comparison.NotEqual => !equal,
            _ => false,
        };
    }

    /// <summary>Whether a value lies in an interval; the magnitude is its distance to the nearer end.</summary>
    public static bool Within(CapturedValue value, Bounds bounds, out double magnitude)
    {
        if (value.Kind != ValueKind.Number)
        {
            magnitude = value.Kind == ValueKind.Missing ? 0 : 1;
            return false;
        }

        magnitude = Math.Abs(Math.Min(value.Number - bounds.Lower, bounds.Upper - value.Number));
        return bounds.Contains(value.Number);
    }
}
