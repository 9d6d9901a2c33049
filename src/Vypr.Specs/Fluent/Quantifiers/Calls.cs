namespace Vypr;

/// <summary>Quantifiers over calls (PyCFTL's <c>calls('f')</c>).</summary>
public static class Calls
{
    /// <summary>Every call of a method named <paramref name="method"/> that the scoped method makes, whatever its type.</summary>
    /// <param name="method">The method's name; write <c>nameof(Type.Method)</c> so renames follow.</param>
    /// <returns>The quantifier.</returns>
    public static CallQuantifier To(string method) =>
        new(QuantifierKind.Calls, Specification.RequireName(method, nameof(method)), null, null);

    /// <summary>Every call of <typeparamref name="T"/>'s method <paramref name="method"/> that the scoped method makes.</summary>
    /// <typeparam name="T">The type that declares the method.</typeparam>
    /// <param name="method">The method's name; write <c>nameof(T.Method)</c> so renames follow.</param>
    /// <returns>The quantifier.</returns>
    public static CallQuantifier To<T>(string method) =>
        new(QuantifierKind.Calls, Specification.RequireName(method, nameof(method)), Specification.TypeName(typeof(T)), null);

    /// <summary>Every call of the scoped method itself: its whole duration, its arguments and its result.</summary>
    /// <returns>The quantifier.</returns>
    public static CallQuantifier OfScope() => new(QuantifierKind.ScopeCalls, null, null, null);
}
