using System;

namespace Vypr;

/// <summary>A specification with three quantifiers; state the check.</summary>
/// <typeparam name="T1">The first binding's type.</typeparam>
/// <typeparam name="T2">The second binding's type.</typeparam>
/// <typeparam name="T3">The third binding's type.</typeparam>
public sealed class Quantified<T1, T2, T3>
    where T1 : Binding
    where T2 : Binding
    where T3 : Binding
{
    private readonly SpecificationDraft _draft;

    internal Quantified(SpecificationDraft draft) => _draft = draft;

    /// <summary>The condition every binding must meet.</summary>
    /// <param name="check">Builds the formula from the bound variables.</param>
    /// <returns>The specification.</returns>
    public Specification Check(Func<T1, T2, T3, Formula> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return _draft.Build(check(_draft.Bind<T1>(0), _draft.Bind<T2>(1), _draft.Bind<T3>(2)));
    }
}
