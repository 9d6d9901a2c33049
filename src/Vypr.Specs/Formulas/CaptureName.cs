using System;

namespace Vypr.Formulas;

/// <summary>
/// A value a probe captures with an event, by the name generated code registers for it and the formula model reads
/// it by: an argument (<c>arg:NAME</c>), the result (<c>result</c>) or a changed variable's new value
/// (<c>value</c>), or the length of any of them (<c>#length</c> appended).
/// </summary>
/// <remarks>
/// The same source is compiled into the source generator, so the names written at compile time and read at run time
/// are made and parsed in one place. The text form is also what a library's <c>[assembly: SpecificationScope]</c>
/// attribute carries to the compilations that call its scoped methods; it never holds <c>,</c>, <c>;</c> or
/// <c>=</c>, which that attribute uses as separators.
/// </remarks>
/// <param name="Source">Where the value comes from.</param>
/// <param name="Parameter">For <see cref="CaptureSource.Argument"/>: the parameter's name; otherwise null.</param>
/// <param name="Length">True for the value's length (or count) rather than the value.</param>
internal readonly record struct CaptureName(CaptureSource Source, string? Parameter, bool Length) : IComparable<CaptureName>
{
    private const string ArgumentPrefix = "arg:";
    private const string ResultText = "result";
    private const string ValueText = "value";
    private const string LengthSuffix = "#length";

    /// <summary>An argument, by its parameter's name.</summary>
    public static CaptureName Argument(string parameter) => new(CaptureSource.Argument, parameter, false);

    /// <summary>The call's result.</summary>
    public static CaptureName Result { get; } = new(CaptureSource.Result, null, false);

    /// <summary>A changed variable's new value.</summary>
    public static CaptureName Value { get; } = new(CaptureSource.Value, null, false);

    /// <summary>The length of the same value.</summary>
    public CaptureName OfLength() => this with { Length = true };

    /// <summary>
    /// The same reading of a value that arrives another way: a changed variable's value is a parameter's argument
    /// when the parameter is observed at entry, and the call's result when a call's result is assigned to it.
    /// </summary>
    public CaptureName ReadFrom(CaptureSource source, string? parameter = null) =>
        new(source, source == CaptureSource.Argument ? parameter : null, Length);

    /// <summary>Parses the text form.</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not a capture name.</exception>
    public static CaptureName Parse(string text) =>
        TryParse(text, out CaptureName name)
            ? name
            : throw new FormatException($"'{text}' is not a capture name: expected arg:NAME, result or value, optionally followed by #length");

    /// <summary>Parses the text form.</summary>
    /// <returns>False when <paramref name="text"/> is not a capture name.</returns>
    public static bool TryParse(string? text, out CaptureName name)
    {
        name = default;
        if (text is null)
        {
            return false;
        }

        bool length = text.EndsWith(LengthSuffix, StringComparison.Ordinal);
        string body = length ? text.Substring(0, text.Length - LengthSuffix.Length) : text;
        if (body == ResultText)
        {
            name = new CaptureName(CaptureSource.Result, null, length);
            return true;
        }

        if (body == ValueText)
        {
            name = new CaptureName(CaptureSource.Value, null, length);
            return true;
        }

        if (body.StartsWith(ArgumentPrefix, StringComparison.Ordinal) && body.Length > ArgumentPrefix.Length
            && body.IndexOfAny(Separators, ArgumentPrefix.Length) < 0)
        {
            name = new CaptureName(CaptureSource.Argument, body.Substring(ArgumentPrefix.Length), length);
            return true;
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        string body = Source switch
        {
            CaptureSource.Argument => ArgumentPrefix + Parameter,
            CaptureSource.Result => ResultText,
            _ => ValueText,
        };
        return Length ? body + LengthSuffix : body;
    }

    /// <summary>Orders by the text form, so sorted lists are the same as when they were lists of texts.</summary>
    public int CompareTo(CaptureName other) => string.CompareOrdinal(ToString(), other.ToString());

    private static readonly char[] Separators = [',', ';', '=', '#', ':'];
}
