namespace Vypr;

/// <summary>What a quantifier ranges over inside one call of the scoped method.</summary>
public enum QuantifierKind
{
    /// <summary>Calls of a named method made directly by the scoped method (transitions: they have a duration).</summary>
    Calls,

    /// <summary>Changes of a variable: a parameter at entry, or a local or field assigned a call's result (states).</summary>
    Changes,

    /// <summary>The calls of the scoped method itself: one binding per call, with its duration, arguments and result.</summary>
    ScopeCalls,
}
