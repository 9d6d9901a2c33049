namespace Vypr.Formulas;

/// <summary>How an <see cref="Atom"/> compares its term.</summary>
public enum Comparison
{
    /// <summary><c>&lt;</c></summary>
    Less,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;</c></summary>
    Greater,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,

    /// <summary><c>==</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary>Inside an interval (<see cref="Atom.Interval"/>).</summary>
    In,
}
