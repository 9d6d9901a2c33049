namespace Vypr.Generators;

/// <summary>What a <see cref="CheckedTerm"/> stands for.</summary>
internal enum TermShape
{
    /// <summary>A value the reader cannot or need not look into (a problem inside was already reported).</summary>
    Opaque,

    /// <summary>A bound variable: a lambda parameter or a <c>NextCall</c>.</summary>
    Binding,

    /// <summary>A <c>Vypr.DurationTerm</c>.</summary>
    Duration,

    /// <summary>A <c>Vypr.ValueTerm</c>.</summary>
    Value,

    /// <summary>A <c>Vypr.Moment</c>.</summary>
    Moment,

    /// <summary>A <c>Vypr.Formula</c>.</summary>
    Formula,

    /// <summary>The first half of <c>Formula.If(a).Then(b)</c>.</summary>
    IfClause,

    /// <summary>A number (a constant or any numeric expression that does not read the bindings).</summary>
    Number,

    /// <summary>A text.</summary>
    Text,

    /// <summary>A <c>Vypr.Duration</c> constant.</summary>
    DurationConstant,

    /// <summary>A <c>Vypr.DurationUnit</c>.</summary>
    Unit,

    /// <summary>A <c>Vypr.Interval&lt;T&gt;</c>.</summary>
    Interval,
}
