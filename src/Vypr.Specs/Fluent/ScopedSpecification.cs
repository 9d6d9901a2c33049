namespace Vypr;

/// <summary>A specification with its scope chosen; declare the first quantifier next.</summary>
public sealed class ScopedSpecification
{
    private readonly SpecificationDraft _draft;

    internal ScopedSpecification(SpecificationDraft draft) => _draft = draft;

    /// <summary>For every call matched by <paramref name="quantifier"/>, bound to <paramref name="name"/>.</summary>
    /// <param name="name">The binding's name (PyCFTL's <c>t</c> in <c>Forall(t = calls('f'))</c>).</param>
    /// <param name="quantifier">What it ranges over.</param>
    /// <returns>The next stage.</returns>
    public Quantified<CallBinding> Forall(string name, CallQuantifier quantifier) => new(_draft.With(name, quantifier));

    /// <summary>For every change matched by <paramref name="quantifier"/>, bound to <paramref name="name"/>.</summary>
    /// <param name="name">The binding's name (PyCFTL's <c>q</c> in <c>Forall(q = changes('x'))</c>).</param>
    /// <param name="quantifier">What it ranges over.</param>
    /// <returns>The next stage.</returns>
    public Quantified<StateBinding> Forall(string name, ChangeQuantifier quantifier) => new(_draft.With(name, quantifier));
}
