namespace Vypr.Formulas;

/// <summary><c>a | b</c>: true when either is.</summary>
public sealed class Disjunction : Formula
{
    internal Disjunction(Formula left, Formula right)
    {
        Left = left;
        Right = right;
    }

    /// <summary>The left operand.</summary>
    public Formula Left { get; }

    /// <summary>The right operand.</summary>
    public Formula Right { get; }

    /// <inheritdoc />
    public override string ToString() => "(" + Left + " | " + Right + ")";
}
