using Vypr.Formulas;

namespace Vypr;

/// <summary>The first half of <c>Formula.If(a).Then(b)</c>.</summary>
public sealed class IfClause
{
    private readonly Formula _condition;

    internal IfClause(Formula condition) => _condition = condition;

    /// <summary>Completes the implication.</summary>
    /// <param name="consequence">What must hold when the condition does.</param>
    /// <returns>The implication.</returns>
    public Formula Then(Formula consequence) =>
        new Implication(_condition, consequence ?? throw new System.ArgumentNullException(nameof(consequence)));
}
