namespace Vypr;

/// <summary>Quantifiers over changes of a variable (PyCFTL's <c>changes('x')</c>).</summary>
public static class Changes
{
    /// <summary>
    /// Every change of <paramref name="variable"/> inside the scoped method: a parameter's value at entry, or a local
    /// or field assigned the result of a call.
    /// </summary>
    /// <param name="variable">The parameter, local or field name as written in the scoped method.</param>
    /// <returns>The quantifier.</returns>
    public static ChangeQuantifier Of(string variable) => new(Specification.RequireName(variable, nameof(variable)), null);
}
