namespace Vypr.Fody.Scopes;

/// <summary>
/// A value an event captures, by the name the generator registers it under (<c>arg:NAME</c>, <c>result</c>,
/// <c>value</c>, each optionally followed by <c>#length</c>; Vypr.Formulas.CaptureName is the one writer of that form).
/// </summary>
internal sealed class Capture
{
    private const string ArgumentPrefix = "arg:";
    private const string LengthSuffix = "#length";

    private Capture(string text, string? argument, bool isResult, bool isValue, bool length)
    {
        Text = text;
        Argument = argument;
        IsResult = isResult;
        IsValue = isValue;
        Length = length;
    }

    /// <summary>The capture name as registered.</summary>
    public string Text { get; }

    /// <summary>For an argument: the parameter's name.</summary>
    public string? Argument { get; }

    public bool IsResult { get; }

    public bool IsValue { get; }

    /// <summary>True for the value's length rather than the value.</summary>
    public bool Length { get; }

    public static Capture Parse(string text)
    {
        bool length = text.EndsWith(LengthSuffix, System.StringComparison.Ordinal);
        string body = length ? text.Substring(0, text.Length - LengthSuffix.Length) : text;
        return body.StartsWith(ArgumentPrefix, System.StringComparison.Ordinal)
            ? new Capture(text, body.Substring(ArgumentPrefix.Length), false, false, length)
            : new Capture(text, null, body == "result", body == "value", length);
    }
}
