namespace Vypr;

/// <summary>Ranges over calls (transitions): made by the scoped method, or of the scoped method itself.</summary>
public sealed class CallQuantifier : Quantifier
{
    internal CallQuantifier(QuantifierKind kind, string? method, string? declaringType, string? after)
        : base(kind, method, declaringType, null, after)
    {
    }

    /// <summary>Only the calls that start after the event bound to <paramref name="binding"/> (PyCFTL's <c>after='q'</c>).</summary>
    /// <param name="binding">The name of an earlier binding in the same specification.</param>
    /// <returns>The restricted quantifier.</returns>
    public CallQuantifier After(string binding) => new(Kind, Method, DeclaringType, Specification.RequireName(binding, nameof(binding)));
}
