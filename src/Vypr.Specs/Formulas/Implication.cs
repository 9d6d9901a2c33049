namespace Vypr.Formulas;

/// <summary><c>If(a).Then(b)</c>: true when <see cref="Condition"/> is false or <see cref="Consequence"/> is true.</summary>
public sealed class Implication : Formula
{
    internal Implication(Formula condition, Formula consequence)
    {
        Condition = condition;
        Consequence = consequence;
    }

    /// <summary>The condition.</summary>
    public Formula Condition { get; }

    /// <summary>What must hold when the condition does.</summary>
    public Formula Consequence { get; }

    /// <inheritdoc />
    public override string ToString() => "If(" + Condition + ").Then(" + Consequence + ")";
}
