using System;
using System.Globalization;

namespace Vypr.Runtime.Monitoring;

/// <summary>A value a probe captured or a term computed: a number, a text (or null), or missing.</summary>
internal readonly struct CapturedValue
{
    private CapturedValue(ValueKind kind, double number, string? text)
    {
        Kind = kind;
        Number = number;
        Text = text;
    }

    /// <summary>What the value is.</summary>
    public ValueKind Kind { get; }

    /// <summary>The number, for <see cref="ValueKind.Number"/>.</summary>
    public double Number { get; }

    /// <summary>The text, for <see cref="ValueKind.Text"/> (null for a captured null).</summary>
    public string? Text { get; }

    /// <summary>A value that could not be captured or computed.</summary>
    public static CapturedValue Missing => default;

    public static CapturedValue OfNumber(double number) => new(ValueKind.Number, number, null);

    public static CapturedValue OfText(string? text) => new(ValueKind.Text, 0, text);

    /// <summary>The value of a drained value record, with the text it carried beside it.</summary>
    public static CapturedValue From(in CallRecord record, object? text) => record.Kind switch
    {
        RecordKind.NumberValue => OfNumber(record.Number),
        RecordKind.TextValue => OfText(text as string ?? text?.ToString()),
        _ => Missing,
    };

    /// <summary>The value as an observation shows it.</summary>
    public override string ToString() => Kind switch
    {
        ValueKind.Number => Number.ToString("R", CultureInfo.InvariantCulture),
        ValueKind.Text => Text is null ? "null" : "\"" + Text + "\"",
        _ => "missing",
    };
}
