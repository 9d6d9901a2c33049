using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Vypr.Formulas;

namespace Vypr.Generators;

/// <summary>
/// What one expression of a Check lambda stands for when the lambda is read instead of run: a binding, a duration
/// or value term, a moment, a formula, or a constant. Carries what the checks need: the captures a term reads, the
/// static types of measured values, constant values, and the comparisons a formula conjoins.
/// </summary>
internal sealed class CheckedTerm
{
    private static readonly Regex s_space = new(@"\s+", RegexOptions.Compiled);

    public CheckedTerm(TermShape shape, SyntaxNode syntax)
    {
        Shape = shape;
        Syntax = syntax;
    }

    public TermShape Shape { get; }

    public SyntaxNode Syntax { get; }

    /// <summary>The expression as written, on one line, for messages.</summary>
    public string Written => WrittenOf(Syntax);

    /// <summary>For a binding, and for terms measured on one: the slot.</summary>
    public int Slot { get; init; } = -1;

    /// <summary>For a binding: true for a call (transition), false for a state.</summary>
    public bool IsCallBinding { get; init; }

    /// <summary>For terms and moments: a canonical form, equal for the same term however it is spelled.</summary>
    public string Key { get; init; } = string.Empty;

    /// <summary>The captures the term reads, by slot: <c>arg:NAME</c>, <c>result</c>, <c>value</c>, each optionally <c>#length</c>.</summary>
    public IReadOnlyList<(int Slot, CaptureName Capture)> Reads { get; init; } = [];

    /// <summary>For value terms: how the runtime will see the value.</summary>
    public ValueClass Class { get; init; }

    /// <summary>For measured values: the static types the value may have (one per candidate method or declaration).</summary>
    public IReadOnlyList<ITypeSymbol> Types { get; init; } = [];

    /// <summary>For a measured value without <c>Length()</c>: the capture <c>Length()</c> extends.</summary>
    public CaptureName? MeasuredCapture { get; init; }

    /// <summary>For number and duration constants (durations in nanoseconds): the value, when it is a compile-time constant.</summary>
    public double? Number { get; init; }

    /// <summary>For text constants: the text, when <see cref="IsKnownText"/>.</summary>
    public string? Text { get; init; }

    public bool IsKnownText { get; init; }

    /// <summary>For intervals with constant ends: the ends.</summary>
    public BoundAtom? Bounds { get; init; }

    /// <summary>For formulas: the comparisons with constants it conjoins directly (through <c>&amp;</c> only).</summary>
    public IReadOnlyList<BoundAtom> Conjuncts { get; init; } = [];

    /// <summary>True when a "never holds" problem was already reported inside, so enclosing conjunctions stay quiet.</summary>
    public bool Flagged { get; init; }

    /// <summary>The value's kind and static type for messages: "a text ('string')".</summary>
    public string Describe()
    {
        string types = string.Join(" or ", Types.Select(DslTypes.Display).Distinct());
        return Class switch
        {
            ValueClass.Number => types.Length == 0 ? "a number" : $"a number ('{types}')",
            ValueClass.Text => $"a text ('{types}')",
            ValueClass.Other => $"a '{types}' value, which is captured as a text",
            _ => "a value",
        };
    }

    public static string WrittenOf(SyntaxNode syntax) => s_space.Replace(syntax.ToString(), " ").Trim();
}
