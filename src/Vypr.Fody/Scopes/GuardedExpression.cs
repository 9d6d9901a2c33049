using System;
using System.Collections.Generic;
using Mono.Cecil.Cil;

namespace Vypr.Fody.Scopes;

/// <summary>
/// An expression range whose observed calls are protected by one woven <c>try</c>: each call marks itself in flight
/// (a number of its own, in a local) while it runs, so that the <c>catch</c> records, as one that threw, the call that
/// was running when the exception came, and no other.
/// </summary>
internal sealed class GuardedExpression
{
    public GuardedExpression(ExpressionRange range)
    {
        Range = range;
    }

    public ExpressionRange Range { get; }

    /// <summary>The calls inside: the number each marks in flight, its events, its start time and its captured arguments.</summary>
    public List<(int Flight, IReadOnlyList<PointEvent> Events, VariableDefinition Start, Func<Capture, ValueSource?> Argument)> Calls { get; } = [];
}
