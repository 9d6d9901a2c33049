using System;
using System.Globalization;

namespace Vypr;

/// <summary>An interval of numbers or durations, with each end included or not.</summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="Duration"/>.</typeparam>
public sealed class Interval<T>
    where T : struct
{
    internal Interval(T lower, T upper, bool lowerClosed, bool upperClosed)
    {
        Lower = lower;
        Upper = upper;
        LowerClosed = lowerClosed;
        UpperClosed = upperClosed;
    }

    /// <summary>The lower end.</summary>
    public T Lower { get; }

    /// <summary>The upper end.</summary>
    public T Upper { get; }

    /// <summary>Whether the lower end belongs to the interval.</summary>
    public bool LowerClosed { get; }

    /// <summary>Whether the upper end belongs to the interval.</summary>
    public bool UpperClosed { get; }

    /// <summary>True when no value can lie inside (the lower end above the upper, or equal ends not both included).</summary>
    public bool IsEmpty
    {
        get
        {
            double lower = ToNumber(Lower);
            double upper = ToNumber(Upper);
            return lower > upper || (lower == upper && !(LowerClosed && UpperClosed)) || double.IsNaN(lower) || double.IsNaN(upper);
        }
    }

    internal Formulas.Bounds ToBounds() => new(ToNumber(Lower), ToNumber(Upper), LowerClosed, UpperClosed, typeof(T) == typeof(Duration));

    private static double ToNumber(T value) => value switch
    {
        Duration duration => duration.TotalNanoseconds,
        double number => number,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };
}
