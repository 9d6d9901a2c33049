namespace Vypr;

/// <summary>
/// One position of a binding: an explicit quantifier (<c>Forall</c>), or an implicit one that a
/// <c>NextCall</c> term introduces (the first call of a method after an earlier state).
/// </summary>
/// <param name="Index">The slot's position: explicit quantifiers first, in order, then <c>NextCall</c>s in the order the formula uses them.</param>
/// <param name="Name">The variable name (<c>q</c>, or <c>q.NextCall(Write)</c>).</param>
/// <param name="Quantifier">What the slot ranges over; for a <c>NextCall</c>, a call quantifier after its state.</param>
/// <param name="AfterSlot">The slot whose event every match must come after, or -1.</param>
/// <param name="IsNextCall">True for an implicit <c>NextCall</c> slot: the first matching call after <paramref name="AfterSlot"/>, at any call site.</param>
public sealed record BindingSlot(int Index, string Name, Quantifier Quantifier, int AfterSlot, bool IsNextCall)
{
    /// <summary>True when the slot binds calls (transitions); false for changes (states).</summary>
    public bool IsCall => Quantifier.Kind != QuantifierKind.Changes;
}
