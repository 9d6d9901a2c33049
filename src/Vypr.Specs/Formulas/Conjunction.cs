namespace Vypr.Formulas;

/// <summary><c>a &amp; b</c>: true when both are.</summary>
public sealed class Conjunction : Formula
{
    internal Conjunction(Formula left, Formula right)
    {
        Left = left;
        Right = right;
    }

    /// <summary>The left operand.</summary>
    public Formula Left { get; }

    /// <summary>The right operand.</summary>
    public Formula Right { get; }

    /// <inheritdoc />
    public override string ToString() => "(" + Left + " & " + Right + ")";
}
