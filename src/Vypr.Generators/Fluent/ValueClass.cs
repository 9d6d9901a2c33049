namespace Vypr.Generators;

/// <summary>What a captured value is, judged from its static type (how the runtime will see it).</summary>
internal enum ValueClass
{
    /// <summary>Nothing can be said statically (<c>object</c>, an interface, a type parameter, <c>bool</c>, an enum...).</summary>
    Unknown,

    /// <summary>A numeric type: captured as a number.</summary>
    Number,

    /// <summary>A string: captured as a text.</summary>
    Text,

    /// <summary>Another class or struct: not a number; captured through its <c>ToString()</c>, as a text.</summary>
    Other,
}
