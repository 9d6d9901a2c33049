using System;
using Vypr.Formulas;

namespace Vypr;

/// <summary>
/// A measured value in a formula: a variable's value in a state, a call's argument or result, their length, or
/// arithmetic over them. Numbers compare with every operator; texts with <c>==</c> and <c>!=</c>.
/// </summary>
#pragma warning disable CS0660, CS0661 // == builds an atom of the formula, it is not an equality of terms.
public sealed class ValueTerm
#pragma warning restore CS0660, CS0661
{
    internal ValueTerm(Term node) => Node = node;

    /// <summary>The term in the formula model.</summary>
    public Term Node { get; }

    /// <summary>The length of a text, array or collection value (its <c>Length</c> or <c>Count</c>), captured when the value is.</summary>
    /// <returns>The length as a value.</returns>
    public ValueTerm Length() => Node is MeasuredTerm { Length: false } measured
        ? new ValueTerm(measured.WithLength())
        : throw new InvalidOperationException("Length() applies to a measured value (Value(), Argument(...) or Result()), once.");

    /// <summary>Reads a numeric value as a duration in <paramref name="unit"/>, to compare it with measured durations.</summary>
    /// <param name="unit">The unit the value is in.</param>
    /// <returns>The value as a duration.</returns>
    public DurationTerm AsDuration(DurationUnit unit) =>
        new(new ArithmeticTerm(Node, ArithmeticOperator.Multiply, new ConstantTerm(Duration.NanosecondsPer(unit), isDuration: false), isDuration: true));

    /// <summary>Whether the value lies inside <paramref name="interval"/>.</summary>
    /// <param name="interval">An interval of numbers.</param>
    /// <returns>The atom.</returns>
    public Formula In(Interval<double> interval) => new Atom(Node, Comparison.In, null, interval.ToBounds());

    /// <summary>The value is less than the constant.</summary>
    /// <param name="term">The value.</param>
    /// <param name="constant">The constant.</param>
    /// <returns>The atom.</returns>
    public static Formula operator <(ValueTerm term, double constant) => Compare(term, Comparison.Less, Number(constant));

    /// <summary>The value is at most the constant.</summary>
    /// <param name="term">The value.</param>
    /// <param name="constant">The constant.</param>
    /// <returns>The atom.</returns>
    public static Formula operator <=(ValueTerm term, double constant) => Compare(term, Comparison.LessOrEqual, Number(constant));

    /// <summary>The value is greater than the constant.</summary>
    /// <param name="term">The value.</param>
    /// <param name="constant">The constant.</param>
    /// <returns>The atom.</returns>
    public static Formula operator >(ValueTerm term, double constant) => Compare(term, Comparison.Greater, Number(constant));

    /// <summary>The value is at least the constant.</summary>
    /// <param name="term">The value.</param>
    /// <param name="constant">The constant.</param>
    /// <returns>The atom.</returns>
    public static Formula operator >=(ValueTerm term, double constant) => Compare(term, Comparison.GreaterOrEqual, Number(constant));

    /// <summary>The value equals the number.</summary>
    /// <param name="term">The value.</param>
    /// <param name="constant">The constant.</param>
    /// <returns>The atom.</returns>
    public static Formula operator ==(ValueTerm term, double constant) => Compare(term, Comparison.Equal, Number(constant));

    /// <summary>The value differs from the number.</summary>
    /// <param name="term">The value.</param>
    /// <param name="constant">The constant.</param>
    /// <returns>The atom.</returns>
    public static Formula operator !=(ValueTerm term, double constant) => Compare(term, Comparison.NotEqual, Number(constant));

    /// <summary>The value equals the text (ordinal comparison).</summary>
    /// <param name="term">The value.</param>
    /// <param name="text">The text.</param>
    /// <returns>The atom.</returns>
    public static Formula operator ==(ValueTerm term, string? text) => Compare(term, Comparison.Equal, new ConstantTerm(text));

    /// <summary>The value differs from the text (ordinal comparison).</summary>
    /// <param name="term">The value.</param>
    /// <param name="text">The text.</param>
    /// <returns>The atom.</returns>
    public static Formula operator !=(ValueTerm term, string? text) => Compare(term, Comparison.NotEqual, new ConstantTerm(text));

    /// <summary>The left value is less than the right one.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    /// <returns>The atom.</returns>
    public static Formula operator <(ValueTerm left, ValueTerm right) => Compare(left, Comparison.Less, right.Node);

    /// <summary>The left value is at most the right one.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    /// <returns>The atom.</returns>
    public static Formula operator <=(ValueTerm left, ValueTerm right) => Compare(left, Comparison.LessOrEqual, right.Node);

    /// <summary>The left value is greater than the right one.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    /// <returns>The atom.</returns>
    public static Formula operator >(ValueTerm left, ValueTerm right) => Compare(left, Comparison.Greater, right.Node);

    /// <summary>The left value is at least the right one.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    /// <returns>The atom.</returns>
    public static Formula operator >=(ValueTerm left, ValueTerm right) => Compare(left, Comparison.GreaterOrEqual, right.Node);

    /// <summary>The values are equal (numbers by value, texts ordinally).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    /// <returns>The atom.</returns>
    public static Formula operator ==(ValueTerm left, ValueTerm right) => Compare(left, Comparison.Equal, right.Node);

    /// <summary>The values differ.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    /// <returns>The atom.</returns>
    public static Formula operator !=(ValueTerm left, ValueTerm right) => Compare(left, Comparison.NotEqual, right.Node);

    /// <summary>Adds a number.</summary>
    /// <param name="term">The value.</param>
    /// <param name="constant">The number.</param>
    /// <returns>The sum.</returns>
    public static ValueTerm operator +(ValueTerm term, double constant) => Arithmetic(term.Node, ArithmeticOperator.Add, Number(constant));

    /// <summary>Subtracts a number.</summary>
    /// <param name="term">The value.</param>
    /// <param name="constant">The number.</param>
    /// <returns>The difference.</returns>
    public static ValueTerm operator -(ValueTerm term, double constant) => Arithmetic(term.Node, ArithmeticOperator.Subtract, Number(constant));

    /// <summary>Multiplies by a number.</summary>
    /// <param name="term">The value.</param>
    /// <param name="constant">The number.</param>
    /// <returns>The product.</returns>
    public static ValueTerm operator *(ValueTerm term, double constant) => Arithmetic(term.Node, ArithmeticOperator.Multiply, Number(constant));

    /// <summary>Divides by a number.</summary>
    /// <param name="term">The value.</param>
    /// <param name="constant">The number.</param>
    /// <returns>The quotient.</returns>
    public static ValueTerm operator /(ValueTerm term, double constant) => Arithmetic(term.Node, ArithmeticOperator.Divide, Number(constant));

    /// <summary>Adds two values.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    /// <returns>The sum.</returns>
    public static ValueTerm operator +(ValueTerm left, ValueTerm right) => Arithmetic(left.Node, ArithmeticOperator.Add, right.Node);

    /// <summary>Subtracts two values.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    /// <returns>The difference.</returns>
    public static ValueTerm operator -(ValueTerm left, ValueTerm right) => Arithmetic(left.Node, ArithmeticOperator.Subtract, right.Node);

    /// <summary>Multiplies two values.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    /// <returns>The product.</returns>
    public static ValueTerm operator *(ValueTerm left, ValueTerm right) => Arithmetic(left.Node, ArithmeticOperator.Multiply, right.Node);

    /// <summary>Divides two values.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    /// <returns>The quotient.</returns>
    public static ValueTerm operator /(ValueTerm left, ValueTerm right) => Arithmetic(left.Node, ArithmeticOperator.Divide, right.Node);

    private static ConstantTerm Number(double value) => new(value, isDuration: false);

    private static ValueTerm Arithmetic(Term left, ArithmeticOperator op, Term right) => new(new ArithmeticTerm(left, op, right, isDuration: false));

    private static Atom Compare(ValueTerm term, Comparison comparison, Term right) => new(term.Node, comparison, right, null);
}
