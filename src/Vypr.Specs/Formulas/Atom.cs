namespace Vypr.Formulas;

/// <summary>
/// A comparison at the leaves of a formula: a measured term against a constant, an interval, or another measured
/// term. The monitor observes it once (the first observation counts) and rewrites it to true or false.
/// </summary>
public sealed class Atom : Formula
{
    internal Atom(Term left, Comparison comparison, Term? right, Bounds? interval)
    {
        Left = left;
        Comparison = comparison;
        Right = right;
        Interval = interval;
    }

    /// <summary>The atom's number within its specification, in reading order (set when the specification is built).</summary>
    public int Index { get; internal set; } = -1;

    /// <summary>The term being checked.</summary>
    public Term Left { get; }

    /// <summary>How it is checked.</summary>
    public Comparison Comparison { get; }

    /// <summary>What it is compared with, unless <see cref="Comparison"/> is <see cref="Formulas.Comparison.In"/>.</summary>
    public Term? Right { get; }

    /// <summary>The interval, when <see cref="Comparison"/> is <see cref="Formulas.Comparison.In"/>.</summary>
    public Bounds? Interval { get; }

    /// <summary>The condition part of the atom, as shown next to an observed value (<c>&lt;= 1s</c>).</summary>
    public string Condition => Comparison switch
    {
        Comparison.In => "in " + Interval,
        _ => Symbol(Comparison) + " " + Right,
    };

    /// <summary>The written form of a comparison.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <returns><c>&lt;</c>, <c>&lt;=</c>, ...</returns>
    public static string Symbol(Comparison comparison) => comparison switch
    {
        Comparison.Less => "<",
        Comparison.LessOrEqual => "<=",
        Comparison.Greater => ">",
        Comparison.GreaterOrEqual => ">=",
        Comparison.Equal => "==",
        Comparison.NotEqual => "!=",
        _ => "in",
    };

    /// <inheritdoc />
    public override string ToString() => Left + " " + Condition;
}
