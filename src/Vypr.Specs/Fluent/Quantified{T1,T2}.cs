using System;

namespace Vypr;

/// <summary>A specification with two quantifiers; add another or state the check.</summary>
/// <typeparam name="T1">The first binding's type.</typeparam>
/// <typeparam name="T2">The second binding's type.</typeparam>
public sealed class Quantified<T1, T2>
    where T1 : Binding
    where T2 : Binding
{
    private readonly SpecificationDraft _draft;

    internal Quantified(SpecificationDraft draft) => _draft = draft;

    /// <summary>And for every call matched by <paramref name="quantifier"/>, bound to <paramref name="name"/>.</summary>
    /// <param name="name">The binding's name.</param>
    /// <param name="quantifier">What it ranges over.</param>
    /// <returns>The next stage.</returns>
    public Quantified<T1, T2, CallBinding> Forall(string name, CallQuantifier quantifier) => new(_draft.With(name, quantifier));

    /// <summary>And for every change matched by <paramref name="quantifier"/>, bound to <paramref name="name"/>.</summary>
    /// <param name="name">The binding's name.</param>
    /// <param name="quantifier">What it ranges over.</param>
    /// <returns>The next stage.</returns>
    public Quantified<T1, T2, StateBinding> Forall(string name, ChangeQuantifier quantifier) => new(_draft.With(name, quantifier));

    /// <summary>The condition every binding must meet.</summary>
    /// <param name="check">Builds the formula from the bound variables.</param>
    /// <returns>The specification.</returns>
    public Specification Check(Func<T1, T2, Formula> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return _draft.Build(check(_draft.Bind<T1>(0), _draft.Bind<T2>(1)));
    }
}
