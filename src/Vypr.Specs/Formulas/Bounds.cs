using System.Globalization;

namespace Vypr.Formulas;

/// <summary>The ends of an interval in the formula model (nanoseconds for durations).</summary>
/// <param name="Lower">The lower end.</param>
/// <param name="Upper">The upper end.</param>
/// <param name="LowerClosed">Whether the lower end is included.</param>
/// <param name="UpperClosed">Whether the upper end is included.</param>
/// <param name="IsDuration">True for an interval of durations.</param>
public sealed record Bounds(double Lower, double Upper, bool LowerClosed, bool UpperClosed, bool IsDuration)
{
    /// <summary>Whether <paramref name="value"/> lies inside.</summary>
    /// <param name="value">The value.</param>
    /// <returns>True when inside.</returns>
    public bool Contains(double value) =>
        (LowerClosed ? value >= Lower : value > Lower) && (UpperClosed ? value <= Upper : value < Upper);

    /// <inheritdoc />
    public override string ToString() =>
        (LowerClosed ? "[" : "(") + Format(Lower) + ", " + Format(Upper) + (UpperClosed ? "]" : ")");

    private string Format(double value) =>
        IsDuration ? DurationText.FormatNanoseconds(value) : value.ToString("R", CultureInfo.InvariantCulture);
}
