using Vypr.Formulas;

namespace Vypr;

/// <summary>
/// A measured duration in a formula (<c>t.Duration()</c>, <c>Time.Between(q, t.End())</c>). It compares only with
/// durations that carry a unit, so a bound can never be read in the wrong unit.
/// </summary>
#pragma warning disable CS0660, CS0661 // == builds an atom of the formula, it is not an equality of terms.
public sealed class DurationTerm
#pragma warning restore CS0660, CS0661
{
    internal DurationTerm(Term node) => Node = node;

    /// <summary>The term in the formula model.</summary>
    public Term Node { get; }

    /// <summary>Whether the duration lies inside <paramref name="interval"/>.</summary>
    /// <param name="interval">An interval of durations.</param>
    /// <returns>The atom.</returns>
    public Formula In(Interval<Duration> interval) => new Atom(Node, Comparison.In, null, interval.ToBounds());

    /// <summary>The duration is shorter than the bound.</summary>
    /// <param name="term">The measured duration.</param>
    /// <param name="bound">The bound.</param>
    /// <returns>The atom.</returns>
    public static Formula operator <(DurationTerm term, Duration bound) => Compare(term, Comparison.Less, bound);

    /// <summary>The duration is at most the bound.</summary>
    /// <param name="term">The measured duration.</param>
    /// <param name="bound">The bound.</param>
    /// <returns>The atom.</returns>
    public static Formula operator <=(DurationTerm term, Duration bound) => Compare(term, Comparison.LessOrEqual, bound);

    /// <summary>The duration is longer than the bound.</summary>
    /// <param name="term">The measured duration.</param>
    /// <param name="bound">The bound.</param>
    /// <returns>The atom.</returns>
    public static Formula operator >(DurationTerm term, Duration bound) => Compare(term, Comparison.Greater, bound);

    /// <summary>The duration is at least the bound.</summary>
    /// <param name="term">The measured duration.</param>
    /// <param name="bound">The bound.</param>
    /// <returns>The atom.</returns>
    public static Formula operator >=(DurationTerm term, Duration bound) => Compare(term, Comparison.GreaterOrEqual, bound);

    /// <summary>The duration equals the constant, to the nanosecond.</summary>
    /// <param name="term">The measured duration.</param>
    /// <param name="bound">The constant.</param>
    /// <returns>The atom.</returns>
    public static Formula operator ==(DurationTerm term, Duration bound) => Compare(term, Comparison.Equal, bound);

    /// <summary>The duration differs from the constant.</summary>
    /// <param name="term">The measured duration.</param>
    /// <param name="bound">The constant.</param>
    /// <returns>The atom.</returns>
    public static Formula operator !=(DurationTerm term, Duration bound) => Compare(term, Comparison.NotEqual, bound);

    /// <summary>The left duration is shorter than the right one.</summary>
    /// <param name="left">A measured duration.</param>
    /// <param name="right">Another measured duration.</param>
    /// <returns>The atom.</returns>
    public static Formula operator <(DurationTerm left, DurationTerm right) => new Atom(left.Node, Comparison.Less, right.Node, null);

    /// <summary>The left duration is at most the right one.</summary>
    /// <param name="left">A measured duration.</param>
    /// <param name="right">Another measured duration.</param>
    /// <returns>The atom.</returns>
    public static Formula operator <=(DurationTerm left, DurationTerm right) => new Atom(left.Node, Comparison.LessOrEqual, right.Node, null);

    /// <summary>The left duration is longer than the right one.</summary>
    /// <param name="left">A measured duration.</param>
    /// <param name="right">Another measured duration.</param>
    /// <returns>The atom.</returns>
    public static Formula operator >(DurationTerm left, DurationTerm right) => new Atom(left.Node, Comparison.Greater, right.Node, null);

    /// <summary>The left duration is at least the right one.</summary>
    /// <param name="left">A measured duration.</param>
    /// <param name="right">Another measured duration.</param>
    /// <returns>The atom.</returns>
    public static Formula operator >=(DurationTerm left, DurationTerm right) => new Atom(left.Node, Comparison.GreaterOrEqual, right.Node, null);

    /// <summary>The durations are equal.</summary>
    /// <param name="left">A measured duration.</param>
    /// <param name="right">Another measured duration.</param>
    /// <returns>The atom.</returns>
    public static Formula operator ==(DurationTerm left, DurationTerm right) => new Atom(left.Node, Comparison.Equal, right.Node, null);

    /// <summary>The durations differ.</summary>
    /// <param name="left">A measured duration.</param>
    /// <param name="right">Another measured duration.</param>
    /// <returns>The atom.</returns>
    public static Formula operator !=(DurationTerm left, DurationTerm right) => new Atom(left.Node, Comparison.NotEqual, right.Node, null);

    /// <summary>Scales a duration.</summary>
    /// <param name="term">The duration.</param>
    /// <param name="factor">The factor.</param>
    /// <returns>The scaled duration.</returns>
    public static DurationTerm operator *(DurationTerm term, double factor) => Arithmetic(term.Node, ArithmeticOperator.Multiply, Number(factor));

    /// <summary>Scales a duration.</summary>
    /// <param name="factor">The factor.</param>
    /// <param name="term">The duration.</param>
    /// <returns>The scaled duration.</returns>
    public static DurationTerm operator *(double factor, DurationTerm term) => Arithmetic(Number(factor), ArithmeticOperator.Multiply, term.Node);

    /// <summary>Divides a duration.</summary>
    /// <param name="term">The duration.</param>
    /// <param name="divisor">The divisor.</param>
    /// <returns>The divided duration.</returns>
    public static DurationTerm operator /(DurationTerm term, double divisor) => Arithmetic(term.Node, ArithmeticOperator.Divide, Number(divisor));

    /// <summary>Adds a constant duration.</summary>
    /// <param name="term">The duration.</param>
    /// <param name="constant">The constant.</param>
    /// <returns>The sum.</returns>
    public static DurationTerm operator +(DurationTerm term, Duration constant) => Arithmetic(term.Node, ArithmeticOperator.Add, Constant(constant));

    /// <summary>Subtracts a constant duration.</summary>
    /// <param name="term">The duration.</param>
    /// <param name="constant">The constant.</param>
    /// <returns>The difference.</returns>
    public static DurationTerm operator -(DurationTerm term, Duration constant) => Arithmetic(term.Node, ArithmeticOperator.Subtract, Constant(constant));

    /// <summary>Adds two measured durations.</summary>
    /// <param name="left">A duration.</param>
    /// <param name="right">Another duration.</param>
    /// <returns>The sum.</returns>
    public static DurationTerm operator +(DurationTerm left, DurationTerm right) => Arithmetic(left.Node, ArithmeticOperator.Add, right.Node);

    /// <summary>Subtracts two measured durations.</summary>
    /// <param name="left">A duration.</param>
    /// <param name="right">Another duration.</param>
    /// <returns>The difference.</returns>
    public static DurationTerm operator -(DurationTerm left, DurationTerm right) => Arithmetic(left.Node, ArithmeticOperator.Subtract, right.Node);

    internal static ConstantTerm Constant(Duration duration) => new(duration.TotalNanoseconds, isDuration: true);

    private static ConstantTerm Number(double value) => new(value, isDuration: false);

    private static DurationTerm Arithmetic(Term left, ArithmeticOperator op, Term right) => new(new ArithmeticTerm(left, op, right, isDuration: true));

    private static Atom Compare(DurationTerm term, Comparison comparison, Duration bound) => new(term.Node, comparison, Constant(bound), null);
}
