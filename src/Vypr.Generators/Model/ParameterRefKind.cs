namespace Vypr.Generators.Model;

/// <summary>How a parameter, a receiver or a return is passed.</summary>
internal enum ParameterRefKind
{
    /// <summary>By value.</summary>
    None,

    /// <summary><c>ref</c>.</summary>
    Ref,

    /// <summary><c>out</c>.</summary>
    Out,

    /// <summary><c>in</c> (also a readonly member's receiver on a value type).</summary>
    In,

    /// <summary><c>ref readonly</c>.</summary>
    RefReadOnly,
}
