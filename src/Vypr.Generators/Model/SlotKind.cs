namespace Vypr.Generators.Model;

/// <summary>What a slot of a fluent specification ranges over; the names of <c>Vypr.QuantifierKind</c>.</summary>
internal enum SlotKind
{
    /// <summary>Calls of a method in the scope's body (<c>Calls.To</c>, <c>NextCall</c>).</summary>
    Calls,

    /// <summary>Changes of a parameter, local or field (<c>Changes.Of</c>).</summary>
    Changes,

    /// <summary>The calls of the scoped method itself (<c>Calls.OfScope</c>).</summary>
    ScopeCalls,
}
