using System.Globalization;

namespace Vypr.Formulas;

/// <summary>A constant in a formula: a number, a text, or a duration in nanoseconds.</summary>
public sealed class ConstantTerm : Term
{
    internal ConstantTerm(double number, bool isDuration)
        : base(isDuration) => Number = number;

    internal ConstantTerm(string? text)
        : base(isDuration: false)
    {
        Text = text;
        IsText = true;
    }

    /// <summary>The number (nanoseconds for a duration); 0 for a text.</summary>
    public double Number { get; }

    /// <summary>The text, for a text constant (null when the constant is <see langword="null"/>).</summary>
    public string? Text { get; }

    /// <summary>True for a text (or null) constant.</summary>
    public bool IsText { get; }

    /// <inheritdoc />
    public override string ToString() => IsText
        ? (Text is null ? "null" : "\"" + Text + "\"")
        : IsDuration ? DurationText.FormatNanoseconds(Number) : Number.ToString("R", CultureInfo.InvariantCulture);
}
