namespace Vypr;

/// <summary>Ranges over the changes (states) of one variable inside the scoped method.</summary>
public sealed class ChangeQuantifier : Quantifier
{
    internal ChangeQuantifier(string variable, string? after)
        : base(QuantifierKind.Changes, null, null, variable, after)
    {
    }

    /// <summary>Only the changes that happen after the event bound to <paramref name="binding"/>.</summary>
    /// <param name="binding">The name of an earlier binding in the same specification.</param>
    /// <returns>The restricted quantifier.</returns>
    public ChangeQuantifier After(string binding) => new(Variable!, Specification.RequireName(binding, nameof(binding)));
}
