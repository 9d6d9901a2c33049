using System;
using Vypr.Formulas;

namespace Vypr;

/// <summary>
/// A condition over the measurements of one binding: atoms (comparisons) joined by <c>&amp;</c>, <c>|</c>,
/// <c>!</c> and <see cref="If"/>. Built inside <c>Check</c>; the monitor evaluates it once per binding.
/// </summary>
public abstract class Formula
{
    private protected Formula()
    {
    }

    /// <summary>Starts an implication: <c>Formula.If(a).Then(b)</c> holds when <c>a</c> is false or <c>b</c> is true.</summary>
    /// <param name="condition">The condition.</param>
    /// <returns>The clause to complete with <see cref="IfClause.Then"/>.</returns>
    public static IfClause If(Formula condition) => new(condition ?? throw new ArgumentNullException(nameof(condition)));

    /// <summary>Both hold.</summary>
    /// <param name="left">A formula.</param>
    /// <param name="right">Another formula.</param>
    /// <returns>The conjunction.</returns>
    public static Formula operator &(Formula left, Formula right) => new Conjunction(Require(left), Require(right));

    /// <summary>Either holds.</summary>
    /// <param name="left">A formula.</param>
    /// <param name="right">Another formula.</param>
    /// <returns>The disjunction.</returns>
    public static Formula operator |(Formula left, Formula right) => new Disjunction(Require(left), Require(right));

    /// <summary>Does not hold.</summary>
    /// <param name="operand">A formula.</param>
    /// <returns>The negation.</returns>
    public static Formula operator !(Formula operand) => new Negation(Require(operand));

    /// <summary>Both hold (the named form of <c>&amp;</c>).</summary>
    /// <param name="left">A formula.</param>
    /// <param name="right">Another formula.</param>
    /// <returns>The conjunction.</returns>
    public static Formula And(Formula left, Formula right) => left & right;

    /// <summary>Either holds (the named form of <c>|</c>).</summary>
    /// <param name="left">A formula.</param>
    /// <param name="right">Another formula.</param>
    /// <returns>The disjunction.</returns>
    public static Formula Or(Formula left, Formula right) => left | right;

    /// <summary>Does not hold (the named form of <c>!</c>).</summary>
    /// <param name="operand">A formula.</param>
    /// <returns>The negation.</returns>
    public static Formula Not(Formula operand) => !operand;

    private static Formula Require(Formula formula) =>
        formula ?? throw new ArgumentNullException(nameof(formula), "a formula operand is null");
}
