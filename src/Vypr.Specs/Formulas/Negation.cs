namespace Vypr.Formulas;

/// <summary><c>!a</c>: true when the operand is false.</summary>
public sealed class Negation : Formula
{
    internal Negation(Formula operand) => Operand = operand;

    /// <summary>The negated formula.</summary>
    public Formula Operand { get; }

    /// <inheritdoc />
    public override string ToString() => "!" + Operand;
}
